import RunModel

/// TensorBoard event files (`events.out.tfevents.*`) as written by PyTorch's `SummaryWriter` (HF's
/// `TensorBoardCallback`, Lightning, detectron2), tensorboardX and TF2 `tf.summary.scalar`.
///
/// Scalars only (`TFEventsReader`); a directory's event files are one run when they continue each
/// other (HF writes a second one for a later `trainer.evaluate()`, a resume writes another), read in
/// creation-time order; files of unrelated trainings in one folder are separate runs
/// (`TFEventsContinuation`). HF's final
/// summary tags (`train/train_runtime`, `train/train_loss`...) go to `RunMetadata`. TF profiler
/// marker files (`*.profile-empty`) hold no scalars and are ignored in a directory; given
/// directly, one reads as a run without series. Under HF's `<output_dir>/runs/<date>_<host>/`, the output directory's
/// `config.json` gives the model name.
public struct TFEventsFormat: RunFormat {
    public let id = "tfevents"
    public let summary = "TensorBoard event files (events.out.tfevents.*): scalars, CRC-checked; the files of one training are one run, unrelated trainings in one folder are separate runs"

    static let infix = "tfevents"
    static let profileSuffix = ".profile-empty"

    public init() {}

    public func sniff(fileName: String, prefix: [UInt8]) -> Sniff {
        if fileName.contains(Self.infix) { return .strong("named events.out.tfevents.*") }
        guard prefix.count >= 12 else { return .no("not a TFRecord file (too short)") }
        let lengthOK = prefix.withUnsafeBufferPointer { CRC32C.masked($0, from: 0, to: 8) == ProtoWire.littleEndian32($0, 8) }
        return lengthOK ? .weak("TFRecord framing (the first length CRC checks)") : .no("not a TFRecord file (length CRC)")
    }

    public func claim(_ directory: DirectoryListing, prefix: (String) -> [UInt8]) -> DirectoryClaim {
        let all = directory.files.filter { $0.contains(Self.infix) }
        guard !all.isEmpty else { return DirectoryClaim() }
        let files = all.filter { !$0.hasSuffix(Self.profileSuffix) }
        guard !files.isEmpty else { return DirectoryClaim(files: Set(all)) }
        let groups = TFEventsContinuation.groups(files.map(directory.child))
        let folderName = Self.runName(directory.path)
        // Several runs in one folder: named by what comes before `events.out.tfevents` (a flattened
        // copy), else by host, else by host and creation time when the hosts do not tell them apart.
        let firsts = groups.map { TFEventsFileName($0[0]) }
        let hostsDiffer = Set(firsts.map { $0.host ?? "" }).count == groups.count
        var usedNames = Set<String>()
        let runs = groups.enumerated().map { index, group -> RunInput in
            var note = "\(group.count) event file\(group.count == 1 ? "" : "s") in the directory"
            var name = folderName
            if groups.count > 1 {
                note = "\(group.count) of the \(files.count) event files in the directory; the others are \(groups.count - 1) other run\(groups.count == 2 ? "" : "s")"
                let first = firsts[index]
                let host = first.host ?? "run"
                let written = first.time.map { "-\(Int($0))" } ?? "-\(index + 1)"
                name = first.prefix.isEmpty ? "\(folderName)/\(host)\(hostsDiffer ? "" : written)" : first.prefix
            }
            while !usedNames.insert(name).inserted { name += "-\(index + 1)" }
            return RunInput(name: name, format: id, files: group, note: note, location: directory.path,
                            isRunFolder: groups.count == 1 && LightningRunFolder.isVersionFolder(directory.path))
        }
        return DirectoryClaim(runs: runs, files: Set(all))
    }

    /// HF writes `<output_dir>/runs/<date>_<host>/`: named `<output_dir>/<date>_<host>`.
    static func runName(_ path: String) -> String {
        let name = RunNaming.name(ofDirectory: path)
        let parts = FileSystem.realPath(path).split(separator: "/")
        if parts.count >= 3, parts[parts.count - 2] == "runs" { return "\(parts[parts.count - 3])/\(name)" }
        return RunNaming.meaningfulParent(of: path + "/events") ?? name
    }

    public func parse(_ input: RunInput) throws -> Run {
        guard let firstPath = input.files.first else { throw IngestError(path: input.location, message: "no file to read") }
        var builder = RunBuilder(name: input.name, format: id, sourcePath: firstPath)
        var summary: [(String, Double)] = []
        var points = 0
        var lastEpochStep: Int?
        for path in input.files {
            builder.provenance.sources.append(SourceFile(path: path, format: id, note: input.note))
            let read = try FileBytes.withContents(path) { TFEventsReader.read($0) }
            Self.report(read, path: path, into: &builder)
            HFTensorBoardText.fill(&builder.metadata, texts: read.texts, path: path)
            for column in read.columns {
                if let key = HFSummaryTags.summaryKey(of: column.tag), let last = column.values.last {
                    summary.append((key, last))
                    continue
                }
                points += column.steps.count
                let canonical = MetricCatalog.canonical(column.tag)
                var column = column
                if canonical.role == .epoch { Self.dropRepeatedSteps(&column, after: &lastEpochStep) }
                builder.add(name: canonical.name, key: column.tag, role: canonical.role, steps: column.steps,
                            wallTimes: column.wallTimes, values: column.values)
            }
        }
        if !summary.isEmpty { HFTrainerStateFormat.fillMetadata(&builder.metadata, topLevel: [], summary: summary) }
        let parts = FileSystem.realPath(firstPath).split(separator: "/", omittingEmptySubsequences: false)
        if parts.count >= 4, parts[parts.count - 3] == "runs" {
            HFModelConfig.fill(&builder.metadata, from: [parts.dropLast(3).joined(separator: "/")])
        }
        if points == 0 {
            builder.issue(.warning, "no scalar summaries in the event file\(input.files.count == 1 ? "" : "s") (e.g. a TF profiler marker, or only images/histograms/text)")
        }
        return builder.build()
    }

    /// Writers log the epoch with every group of metrics (HF: with the final summary and again with a
    /// later evaluate(); Lightning: with training and validation metrics), so one step can carry it
    /// twice: the first point is kept, without a duplicate-step repair.
    static func dropRepeatedSteps(_ column: inout TFEventsReader.Column, after last: inout Int?) {
        var kept = TFEventsReader.Column(tag: column.tag)
        for i in column.steps.indices where column.steps[i] != last {
            kept.steps.append(column.steps[i])
            kept.wallTimes.append(column.wallTimes[i])
            kept.values.append(column.values[i])
            last = column.steps[i]
        }
        column = kept
    }

    private static func report(_ read: TFEventsReader.Result, path: String, into builder: inout RunBuilder) {
        func add(_ kind: IngestIssue.Kind, _ message: String) {
            builder.provenance.issues.append(IngestIssue(kind: kind, path: path, message: message))
        }
        if read.badDataCRC > 0, let at = read.firstBadDataCRCOffset {
            add(.repair, "\(read.badDataCRC) record\(read.badDataCRC == 1 ? "" : "s") with a wrong data CRC skipped (first at byte \(at))")
        }
        if let at = read.badLengthCRCOffset {
            add(.repair, "wrong length CRC at byte \(at): the next record cannot be found, the rest of the file is not read")
        }
        if let at = read.truncatedOffset {
            add(.repair, "file ends mid-record (still being written or killed) at byte \(at); the partial record is skipped")
        }
        if read.malformed > 0 {
            add(.repair, "\(read.malformed) event\(read.malformed == 1 ? " is" : "s are") not well-formed protobuf; skipped")
        }
    }
}
