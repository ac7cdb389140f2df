import RunModel

/// An MLflow file-store run directory (`mlruns/<experiment>/<run_id>/`): `metrics/<key>` files of
/// `timestamp_ms value [step]` lines (a key with `/` is a nested path), `params/<key>`,
/// `tags/<key>` and `meta.yaml` (`mlflow/store/tracking/file_store.py`).
///
/// One run per run directory, named by the `mlflow.runName` tag, else `meta.yaml`'s name, else the
/// run id. Params go to `RunMetadata.extra` as `params.<key>` (HF's TrainingArguments names also fill
/// the matching fields); user tags as `tags.<key>`; a FAILED or KILLED status becomes an error event.
/// A metric logged without steps (all 0, as old files and many scripts write) is stepped by line
/// order, with a warning.
public struct MLflowFormat: RunFormat {
    public let id = "mlflow"
    public let summary = "MLflow file store run directory (mlruns/<exp>/<run_id>/ with metrics/, params/, tags/, meta.yaml)"

    static let statuses = [1: "RUNNING", 2: "SCHEDULED", 3: "FINISHED", 4: "FAILED", 5: "KILLED"]

    public init() {}

    public func sniff(fileName: String, prefix: [UInt8]) -> Sniff {
        guard fileName == "meta.yaml" else { return .no("not an MLflow run's meta.yaml") }
        if ByteText.contains(prefix, "run_uuid:") || ByteText.contains(prefix, "run_id:") {
            return .strong("an MLflow run's meta.yaml (run_id)")
        }
        return .no("a meta.yaml without run_id (an MLflow experiment, not a run)")
    }

    public func claim(_ directory: DirectoryListing, prefix: (String) -> [UInt8]) -> DirectoryClaim {
        guard directory.directories.contains("metrics"),
              directory.files.contains("meta.yaml") || directory.directories.contains("params") else { return DirectoryClaim() }
        let input = RunInput(name: RunNaming.name(ofDirectory: directory.path), format: id,
                             files: [directory.child("meta.yaml")], note: "MLflow run directory", location: directory.path)
        let covered = Set(["metrics", "params", "tags", "artifacts"]).intersection(directory.directories)
        return DirectoryClaim(runs: [input], files: ["meta.yaml"], directories: covered)
    }

    public func parse(_ input: RunInput) throws -> Run {
        let runDirectory = FileSystem.kind(input.location) == .directory
            ? input.location : String(input.location.dropLast(RunNaming.lastComponent(input.location).count + 1))
        let base = runDirectory.hasSuffix("/") ? runDirectory : runDirectory + "/"
        var builder = RunBuilder(name: input.name, format: id, sourcePath: base + "meta.yaml")
        let root = FileSystem.realPath(runDirectory)
        var outside: [String] = []
        let metricFiles = Self.files(under: base + "metrics", within: root, outside: &outside)
        guard FileSystem.isFile(base + "meta.yaml") || !metricFiles.isEmpty else {
            throw IngestError(path: runDirectory, message: "expected an MLflow run directory (meta.yaml, metrics/)")
        }
        if FileSystem.isFile(base + "meta.yaml") {
            builder.provenance.sources.append(SourceFile(path: base + "meta.yaml", format: id, note: input.note))
            try Self.readMeta(base + "meta.yaml", into: &builder)
        }
        for (key, path) in Self.files(under: base + "params", within: root, outside: &outside) {
            let value = try Self.readValue(path, key: "params." + key, into: &builder)
            builder.metadata.setExtra("params." + key, value)
            Self.applyParam(key, value, to: &builder.metadata)
        }
        for (key, path) in Self.files(under: base + "tags", within: root, outside: &outside) {
            let value = try Self.readValue(path, key: "tags." + key, into: &builder)
            if key == "mlflow.runName", !value.isEmpty { builder.name = value }
            if !key.hasPrefix("mlflow.") { builder.metadata.setExtra("tags." + key, value) }
        }
        for path in outside {
            builder.provenance.issues.append(IngestIssue(kind: .warning, path: path,
                message: "a symlink leading out of the run directory; not followed"))
        }
        for (key, path) in metricFiles {
            builder.provenance.sources.append(SourceFile(path: path, format: id, note: "metric \(key)"))
            var points = try Self.readMetric(path, into: &builder)
            if points.steps.count > 1 && points.steps.allSatisfy({ $0 == 0 }) {
                points.steps = Array(points.steps.indices)
                builder.provenance.issues.append(IngestIssue(kind: .warning, path: path,
                    message: "\(key): logged without steps (all 0); line order is used as the step"))
            }
            let canonical = MetricCatalog.canonical(key)
            builder.add(name: canonical.name, key: key, role: canonical.role, steps: points.steps, wallTimes: points.walls, values: points.values)
        }
        return builder.build()
    }

    /// MLflow caps a param value at 6,000 characters and a tag value at 8,000; more than this from
    /// one file is not a value MLflow wrote, and is cut (with a repair) rather than read whole.
    static let valueCap = 8 << 10

    /// A param or tag file's text, at most `valueCap` bytes of it.
    static func readValue(_ path: String, key: String, into builder: inout RunBuilder) throws -> String {
        let bytes = try FileBytes.read(path, limit: valueCap + 1)
        guard bytes.count > valueCap else { return trimmedText(bytes) }
        builder.provenance.issues.append(IngestIssue(kind: .repair, path: path,
            message: "\(key): longer than \(valueCap) bytes (MLflow writes at most 8,000 characters); the first \(valueCap) bytes kept"))
        return trimmedText(Array(bytes.prefix(valueCap)))
    }

    /// Files under a folder, recursively, keyed by their relative path (MLflow nests keys with `/`).
    /// Symlinks leading out of `root` (the canonical run directory) are not followed but listed in
    /// `outside`; a folder seen twice (a symlink loop) is read once.
    static func files(under folder: String, within root: String, outside: inout [String]) -> [(key: String, path: String)] {
        var visited = Set<FileSystem.NodeID>()
        return files(under: folder, prefix: "", within: root, outside: &outside, visited: &visited).sorted { $0.key < $1.key }
    }

    private static func files(under folder: String, prefix: String, within root: String, outside: inout [String],
                              visited: inout Set<FileSystem.NodeID>) -> [(key: String, path: String)] {
        guard let id = FileSystem.nodeID(folder), visited.insert(id).inserted,
              case .success(let listing) = FileSystem.list(folder, confinedTo: root) else { return [] }
        outside += listing.outside.map(listing.child)
        var out: [(key: String, path: String)] = listing.files.map { (prefix + $0, listing.child($0)) }
        for sub in listing.directories {
            out += files(under: listing.child(sub), prefix: prefix + sub + "/", within: root, outside: &outside, visited: &visited)
        }
        return out
    }

    static func trimmedText(_ bytes: [UInt8]) -> String {
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// `meta.yaml` is flat `key: value` YAML; only a few keys matter.
    static func readMeta(_ path: String, into builder: inout RunBuilder) throws {
        let lines = ByteText.lines(try FileBytes.read(path, limit: 1 << 20, guarding: .lines))
        var start: Double?, end: Double?
        for (index, line) in lines.enumerated() {
            let text = ByteText.text(line)
            guard let colon = text.firstIndex(of: ":") else { continue }
            let key = String(text[..<colon])
            var value = ByteText.trimmed(text[text.index(after: colon)...])
            if value.count >= 2, value.first == "'" || value.first == "\"", value.last == value.first { value = String(value.dropFirst().dropLast()) }
            switch key {
            case "name" where !value.isEmpty: builder.name = value
            case "run_id": builder.metadata.setExtra("mlflow.run_id", value)
            case "experiment_id": builder.metadata.setExtra("mlflow.experiment_id", value)
            case "start_time": start = Double(value)
            case "end_time": end = Double(value)
            case "status":
                let status = Int(value).flatMap { statuses[$0] } ?? value
                builder.metadata.setExtra("mlflow.status", status)
                if status == "FAILED" || status == "KILLED" {
                    builder.metadata.logEvents.append(LogEvent(kind: .error, path: path, line: index + 1, text: "MLflow run status: \(status)"))
                }
            default: continue
            }
        }
        if let start, let end, end >= start {
            builder.metadata.setExtra("mlflow.duration_seconds", String((end - start) / 1000))
        }
    }

    /// HF's `MLflowCallback` logs the TrainingArguments as params.
    static func applyParam(_ key: String, _ value: String, to m: inout RunMetadata) {
        switch key {
        case "num_train_epochs", "epochs": m.numTrainEpochs = Double(value)
        case "max_steps": if let v = Int(value), v > 0 { m.maxSteps = v }
        case "per_device_train_batch_size", "batch_size": m.trainBatchSize = Int(value)
        case "logging_steps": m.loggingSteps = Int(value)
        case "eval_steps": m.evalSteps = Int(value)
        case "save_steps": m.saveSteps = Int(value)
        default: break
        }
    }

    struct Points {
        var steps: [Int] = []
        var walls: [Double] = []
        var values: [Double] = []
    }

    /// `timestamp_ms value [step]` per line; a malformed last line without a newline is a cut-off write.
    static func readMetric(_ path: String, into builder: inout RunBuilder) throws -> Points {
        let bytes = try FileBytes.read(path, guarding: .lines)
        let lines = ByteText.lines(bytes)
        var points = Points()
        for (index, line) in lines.enumerated() {
            let fields = line.split(separator: 0x20)
            if fields.isEmpty { continue }
            let numbers = fields.map { f in f.withUnsafeBufferPointer { ByteNumber.parseField($0, from: 0, to: $0.count) } }
            let step = fields.count == 3 ? numbers[2].flatMap(StepRule.whole) : 0
            guard (2...3).contains(fields.count), let time = numbers[0], let value = numbers[1], let step else {
                if index == lines.count - 1 && bytes.last != 0x0A {
                    builder.provenance.issues.append(IngestIssue(kind: .repair, path: path, line: index + 1,
                        message: "last line is incomplete (cut off mid-write?); skipped"))
                    break
                }
                throw IngestError(path: path, line: index + 1,
                                  message: "expected 'timestamp value [step]' (2 or 3 numbers, the step a whole number), found '\(ByteText.text(line).prefix(80))'")
            }
            points.walls.append(time / 1000)
            points.values.append(value)
            points.steps.append(step)
        }
        return points
    }
}
