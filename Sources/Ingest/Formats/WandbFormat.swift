import RunModel

/// Weights & Biases runs, read offline from the files `wandb` leaves on disk: a run directory
/// (`wandb/run-<date>-<id>/`, `wandb/offline-run-<date>-<id>/`), a `wandb/` folder of them, or a
/// `.wandb` file given directly.
///
/// The `.wandb` file is read natively (`WandbLogReader` for its framing and checksums,
/// `WandbRecordDecoder` for the protobuf records): history rows become series, on the step axis
/// `define_metric` names (HF's `train/global_step`), else the first step-like key (as for JSONL), else
/// W&B's own `_step`; `_timestamp` gives wall times. HF's end-of-training keys (`train/train_runtime`...)
/// and the summary, config, run record (project, entity, id, display name, start time) and
/// environment (OS, Python, program and args, GPU type and count) become metadata; the `stats`
/// records become system-metric series (`WandbSystemMetrics`); console output lines that report
/// out-of-memory or an error become log events, as does a non-zero exit code; a file without an exit
/// record is a run that was killed (or is still running). The run directory's `files/`
/// (`WandbFilesFolder`: `wandb-summary.json`, `config.yaml`, `output.log`, `wandb-metadata.json`)
/// fills in what the `.wandb` file lacks and cross-checks its summary.
///
/// In a `wandb/` folder, run directories with the same run id (a run resumed with `resume=`) are
/// segments of one run, read in the order they were started; other ids are separate runs.
/// `latest-run` and other links to a run directory are not read twice. The folder holding a `wandb/`
/// with one run is that run's run folder (`RunGrouping` joins the other sources below it).
public struct WandbFormat: RunFormat {
    static let formatID = "wandb"
    public let id = formatID
    public let summary = "Weights & Biases run directory (wandb/run-*, wandb/offline-run-*) or .wandb file, read offline: history, summary, config, system metrics, console errors, exit code"

    static let fileExtension = ".wandb"
    /// Files wandb writes next to its run directories (its own debug logs, usually links).
    static let ownFiles: Set<String> = ["debug.log", "debug-internal.log", "debug-core.log", "debug-cli.log"]

    public init() {}

    public func sniff(fileName: String, prefix: [UInt8]) -> Sniff {
        if WandbLogReader.hasHeader(prefix) { return .strong("a W&B run file (':W&B' header)") }
        if fileName.hasSuffix(Self.fileExtension) { return .no("named *.wandb but without the ':W&B' header") }
        return .no("no ':W&B' header")
    }

    public func claim(_ directory: DirectoryListing, prefix: (String) -> [UInt8]) -> DirectoryClaim {
        if let file = Self.runFile(in: directory, prefix: prefix) {
            let input = RunInput(name: Self.runName(runDirectory: directory.path, id: nil), format: id,
                                 files: [directory.child(file)], note: "W&B run directory", location: directory.path)
            let covered = Set(["files", "logs", "tmp"]).intersection(directory.directories)
            return DirectoryClaim(runs: [input], files: [file], directories: covered)
        }
        return Self.claimRunFolder(directory, format: id)
    }

    /// The `.wandb` file of a run directory (`run-<id>.wandb`), if this is one.
    static func runFile(in directory: DirectoryListing, prefix: (String) -> [UInt8]) -> String? {
        directory.files.first { $0.hasSuffix(fileExtension) && WandbLogReader.hasHeader(prefix($0)) }
    }

    /// A `wandb/` folder: its run directories grouped by run id; links to them (`latest-run`) and
    /// wandb's own debug logs are claimed so nothing is read twice. When it holds one run, that run's
    /// location is the folder holding `wandb/`, as a run folder.
    static func claimRunFolder(_ directory: DirectoryListing, format: String) -> DirectoryClaim {
        var groups: [String: [(directory: String, file: String)]] = [:]
        var order: [String] = []
        var realRuns: [String: String] = [:]
        var runDirectories = Set<String>()
        for name in directory.directories where name.hasPrefix("run-") || name.hasPrefix("offline-run-") {
            let path = directory.child(name)
            guard case .success(let listing) = FileSystem.list(path),
                  let file = listing.files.first(where: { $0.hasSuffix(fileExtension) && $0.hasPrefix("run-") }) else { continue }
            let real = FileSystem.realPath(path)
            if let earlier = realRuns[real], earlier != name { continue }
            realRuns[real] = name
            runDirectories.insert(name)
            let runID = String(file.dropFirst("run-".count).dropLast(fileExtension.count))
            if groups[runID] == nil { order.append(runID) }
            groups[runID, default: []].append((name, listing.child(file)))
        }
        guard !groups.isEmpty else { return DirectoryClaim() }
        let covered = directory.directories.filter { realRuns[FileSystem.realPath(directory.child($0))] != nil }
        var runs: [RunInput] = []
        // One run in `wandb/`: the folder holding it (where the training ran, or its WANDB_DIR) is
        // that training's run folder, as an HF output dir is (`RunGrouping` decides what joins it).
        let host = order.count == 1 ? WandbRunAssembly.parent(of: directory.path) : nil
        for runID in order {
            // Directory names start with the launch time (`run-20240501_101500-<id>`): name order is start order.
            let segments = (groups[runID] ?? []).sorted { stamp($0.directory) < stamp($1.directory) }
            let note = segments.count == 1 ? "W&B run \(runID)" : "W&B run \(runID), \(segments.count) segments (resumed)"
            runs.append(RunInput(name: runName(runDirectory: directory.child(segments[0].directory), id: order.count > 1 ? runID : nil),
                                 format: format, files: segments.map(\.file), note: note, location: host ?? directory.path,
                                 isRunFolder: host != nil))
        }
        let own = Set(directory.files.filter(ownFiles.contains))
        return DirectoryClaim(runs: runs, files: own, directories: Set(covered).union(runDirectories))
    }

    /// `offline-run-20240501_101500-abc` -> `20240501_101500`.
    static func stamp(_ directory: String) -> String {
        let rest = directory.hasPrefix("offline-") ? directory.dropFirst("offline-run-".count) : directory.dropFirst("run-".count)
        return String(rest.prefix { $0 != "-" })
    }

    /// The folder that holds `wandb/` (the project or HF output directory), with the run id when the
    /// folder holds several runs: `my-finetune`, `my-finetune/3qgbxuw3`.
    static func runName(runDirectory: String, id: String?) -> String {
        let parts = FileSystem.realPath(runDirectory).split(separator: "/").map(String.init)
        var base = parts.last ?? runDirectory
        if parts.count >= 3, parts[parts.count - 2] == "wandb" || parts[parts.count - 2] == ".wandb" {
            base = parts[parts.count - 3]
        }
        return id.map { "\(base)/\($0)" } ?? base
    }

    public func parse(_ input: RunInput) throws -> Run {
        guard let firstPath = input.files.first else { throw IngestError(path: input.location, message: "no file to read") }
        var builder = RunBuilder(name: input.name, format: id, sourcePath: firstPath)
        var assembly = WandbRunAssembly()
        for (n, path) in input.files.enumerated() {
            let note = input.files.count > 1 ? "segment \(n + 1) of \(input.files.count)" + (input.note.map { "; \($0)" } ?? "") : input.note
            builder.provenance.sources.append(SourceFile(path: path, format: id, note: note))
            var decoder = WandbRecordDecoder()
            let damage = try WandbLogReader.read(path: path) { record, _ in decoder.record(record) }
            decoder.finish()
            Self.report(damage, malformed: decoder.contents.malformed, path: path, into: &builder)
            assembly.add(decoder.contents, path: path, segment: n, into: &builder)
        }
        assembly.finish(into: &builder)
        return builder.build()
    }

    private static func report(_ damage: WandbLogReader.Damage, malformed: Int, path: String, into builder: inout RunBuilder) {
        func add(_ kind: IngestIssue.Kind, _ message: String) {
            builder.provenance.issues.append(IngestIssue(kind: kind, path: path, message: message))
        }
        if let version = damage.unknownVersion { add(.warning, "unknown .wandb format version \(version); read as version 0") }
        if damage.badChecksums > 0, let at = damage.firstBadChecksumOffset {
            add(.repair, "\(damage.badChecksums) record\(damage.badChecksums == 1 ? "" : "s") with a wrong checksum skipped (first at byte \(at))")
        }
        if damage.damagedBlocks > 0, let at = damage.firstDamagedBlockOffset {
            add(.repair, "\(damage.damagedBlocks) damaged 32 KiB block\(damage.damagedBlocks == 1 ? "" : "s") (a record length or type that cannot be right, first at byte \(at)): the rest of each skipped")
        }
        if damage.orphanFragments > 0 {
            add(.repair, "\(damage.orphanFragments) record fragment\(damage.orphanFragments == 1 ? "" : "s") without the rest of their record dropped")
        }
        if let at = damage.truncatedOffset {
            add(.repair, "file ends mid-record (still being written or killed) at byte \(at); every record before it is read")
        }
        if malformed > 0 {
            add(.repair, "\(malformed) record\(malformed == 1 ? " is" : "s are") not well-formed protobuf; skipped")
        }
    }
}
