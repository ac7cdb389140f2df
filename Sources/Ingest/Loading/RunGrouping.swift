/// Turns the sources discovery found into runs: everything inside a run folder (an HF output dir,
/// a Lightning `version_N`) is one run with that folder's sources; the `csv_logs/version_N` and
/// `tb_logs/version_N` of one Lightning training are one run; event files of one run found in
/// several subfolders (a resume writes `runs/<new date>_<host>/`) are read as one source, in the
/// order they were written. Sources outside any run folder stay runs of their own.
///
/// Generic on purpose: any registered format's files found below a run folder become sources of
/// that run, whatever the format.
enum RunGrouping {
    static func assemble(_ sources: [RunInput]) -> [RunInput] {
        let sources = demotingCrowdedHostFolders(sources)
        // The first run folder found at each location (a Lightning version_N can be claimed twice).
        var folders: [String: Int] = [:]
        for i in sources.indices where sources[i].isRunFolder && folders[trimmed(sources[i].location)] == nil {
            folders[trimmed(sources[i].location)] = i
        }
        var runs: [Int: RunInput] = [:]
        var order: [Int] = []
        var members: [(owner: Int, source: Int)] = []
        for i in sources.indices {
            // The outermost run folder holding the source (another run folder inside it included).
            if let owner = ancestors(of: trimmed(sources[i].location)).lazy.compactMap({ folders[$0] }).first, owner != i {
                members.append((owner, i))
            } else {
                runs[i] = sources[i]
                order.append(i)
            }
        }
        for (owner, i) in members { runs[owner]?.companions += sources[i].sources }
        var result = order.compactMap { runs[$0] }
        result = pairLightningLoggers(result)
        return result.map(joiningEventFiles)
    }

    /// The folder holding a `wandb/` with one run is that training's folder, unless it holds two or
    /// more other run folders (HF output dirs, Lightning versions): then it is a project or archive
    /// folder of several trainings, and the W&B run stays a run of its own beside them.
    static func demotingCrowdedHostFolders(_ sources: [RunInput]) -> [RunInput] {
        var result = sources
        for i in result.indices where result[i].isRunFolder && result[i].format == WandbFormat.formatID {
            let host = trimmed(result[i].location)
            let others = Set(sources.indices.filter { j in
                j != i && sources[j].isRunFolder && trimmed(sources[j].location) != host
                    && ancestors(of: trimmed(sources[j].location)).contains(host)
            }.map { trimmed(sources[$0].location) })
            if others.count >= 2 { result[i].isRunFolder = false }
        }
        return result
    }

    private static func trimmed(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// `a`, `a/b`, `a/b/c` for `a/b/c`: the path and every folder above it, outermost first.
    private static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = ""
        for (i, part) in path.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
            current = i == 0 ? String(part) : current + "/" + part
            if !current.isEmpty { result.append(current) }
        }
        return result
    }

    /// Lightning with a CSVLogger and a TensorBoardLogger under different names writes
    /// `<dir>/csv_logs/version_N/` and `<dir>/tb_logs/version_N/`: one training when the version
    /// numbers match, one folder has a metrics.csv and the other event files, and their
    /// `hparams.yaml` (each logger writes the same one) do not differ.
    static func pairLightningLoggers(_ runs: [RunInput]) -> [RunInput] {
        var result = runs
        var removed = Set<Int>()
        for i in result.indices where !removed.contains(i) {
            guard let key = pairKey(result[i]), formats(result[i]).contains("lightning-csv") else { continue }
            let partner = result.indices.first { j in
                j != i && !removed.contains(j) && pairKey(result[j]).map { $0.parent == key.parent && $0.version == key.version && $0.logger != key.logger } == true
                    && formats(result[j]).contains("tfevents") && !formats(result[j]).contains("lightning-csv")
                    && sameHyperparameters(result[i].location, result[j].location)
            }
            guard let j = partner else { continue }
            result[i].companions += result[j].sources
            result[i].name = RunNaming.meaningfulParent(of: key.parent + "/x").map { "\($0)/version_\(key.version)" } ?? result[i].name
            result[i].note = "the CSV and TensorBoard loggers' version_\(key.version) folders of one training"
            removed.insert(j)
        }
        return result.indices.filter { !removed.contains($0) }.map { result[$0] }
    }

    private static func pairKey(_ run: RunInput) -> (parent: String, logger: String, version: Int)? {
        guard run.isRunFolder, let version = LightningRunFolder.version(of: run.location) else { return nil }
        let parts = run.location.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        return (parts.dropLast(2).joined(separator: "/"), String(parts[parts.count - 2]), version)
    }

    private static func formats(_ run: RunInput) -> Set<String> { Set(run.sources.map(\.format)) }

    private static func sameHyperparameters(_ a: String, _ b: String) -> Bool {
        let pa = a + "/" + LightningRunFolder.hparamsFile, pb = b + "/" + LightningRunFolder.hparamsFile
        guard FileSystem.isFile(pa), FileSystem.isFile(pb) else { return true }
        return (try? FileBytes.read(pa, limit: 1 << 20)) == (try? FileBytes.read(pb, limit: 1 << 20))
    }

    /// A run's event-file sources become one, its files in writing order, so that a resume logged in
    /// another folder is seen as the restart it is.
    static func joiningEventFiles(_ run: RunInput) -> RunInput {
        let events = run.sources.filter { $0.format == "tfevents" }
        guard events.count > 1 else { return run }
        let files = TFEventsFileName.writingOrder(events.flatMap(\.files))
        let folders = Set(events.map(\.location)).count
        let joined = "\(files.count) event files in \(folders) folder\(folders == 1 ? "" : "s") of the run, in the order they were written"
        var result = run
        if run.format == "tfevents" {
            result.files = files
            result.note = joined
            result.companions = run.companions.filter { $0.format != "tfevents" }
        } else {
            var first = events[0]
            first.files = files
            first.note = joined
            result.companions = run.companions.filter { $0.format != "tfevents" }
            let at = run.companions.firstIndex { $0.format == "tfevents" } ?? result.companions.count
            result.companions.insert(first, at: min(at, result.companions.count))
        }
        return result
    }
}
