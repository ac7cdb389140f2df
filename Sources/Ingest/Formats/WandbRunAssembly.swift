import RunModel

/// Turns what `WandbRecordDecoder` read from each `.wandb` file of a run (one per segment, in start
/// order) into series, metadata, log events and warnings.
struct WandbRunAssembly {
    private var summaryNumbers: [(String, Double)] = []
    private var config: [(key: String, value: JSONValue)] = []
    private var lastExit: Int??
    private var lastPath = ""
    private var facts: [(String, String)] = []
    private var peakGPUMemory: Double?
    private var runDirectories: [String] = []
    /// Canonical series name -> the logged key that owns it.
    private var owners: [String: String] = [:]

    /// Adds one file's contents (segment `segment`) to the run.
    mutating func add(_ c: WandbRecordDecoder.Contents, path: String, segment: Int, into builder: inout RunBuilder) {
        lastPath = path
        let runDirectory = Self.parent(of: path)
        runDirectories.append(runDirectory)
        var files = WandbFilesFolder(runDirectory: runDirectory)
        let rows = stepsOfRows(c, path: path, builder: &builder)

        var summaryTags: [(String, Double)] = []
        for column in c.columns where column.key != rows.stepKey {
            if let key = HFSummaryTags.summaryKey(of: column.key), let last = column.values.last {
                summaryTags.append((key, last))
                continue
            }
            let (steps, walls, values) = Self.points(column, rows, times: c.rowTimes)
            guard !steps.isEmpty else { continue }
            var canonical = MetricCatalog.canonical(column.key)
            // Two logged keys for one canonical name (`loss` and `train/loss`): the later keeps its own name.
            if let owner = owners[canonical.name], owner != column.key { canonical = (column.key, .other) }
            owners[canonical.name] = column.key
            builder.add(name: canonical.name, key: column.key, role: canonical.role, steps: steps, wallTimes: walls, values: values)
        }
        if !summaryTags.isEmpty { HFTrainerStateFormat.fillMetadata(&builder.metadata, topLevel: [], summary: summaryTags) }

        let system = WandbSystemMetrics.series(keys: c.statsKeys, samples: c.stats, timeline: Self.timeline(c, rows))
        for s in system.series {
            var canonical = MetricCatalog.canonical(s.name)
            // The run's GPU utilisation is the mean over its GPUs; each GPU's own series is detail.
            if canonical.role == .gpuUtilization && canonical.name != "system/gpu_utilization" { canonical.role = .other }
            builder.add(name: canonical.name, key: s.key, role: canonical.role, steps: s.steps, wallTimes: s.wallTimes, values: s.values)
        }
        if let warning = system.warning { builder.provenance.issues.append(IngestIssue(kind: .warning, path: path, message: warning)) }
        if let peak = system.peakGPUMemoryPercent { peakGPUMemory = max(peakGPUMemory ?? peak, peak) }

        // Summary and config: the .wandb records, else an online run's files/; files/wandb-summary.json
        // cross-checks what the .wandb file says.
        let fileSummary = files.summary().compactMap { item in item.1.doubleValue.map { (item.0, $0) } }
        let historyKeys = Set(c.columns.map(\.key))
        crossCheck(fileSummary, c, files: files, builder: &builder)
        let summary: [(String, Double)] = c.summary.map { ($0.key, $0.value) }
            + fileSummary.filter { item in !historyKeys.contains(item.0) && !c.summary.contains { $0.key == item.0 } }
        var finalSummary: [(String, Double)] = []
        // A history key's summary is its last value (already in its series); wandb-core writes the
        // summary before the row, so the decoder may have kept an early one.
        for (key, number) in summary where !key.hasPrefix("_") && !historyKeys.contains(key) {
            // HF's WandbCallback puts the end-of-training metrics (train_runtime, train_loss...) in the summary.
            if let hfKey = HFSummaryTags.summaryKey(of: key) ?? HFSummaryTags.summaryKey(of: "train/" + key) {
                finalSummary.append((hfKey, number))
            } else {
                summaryNumbers.append((key, number))
            }
        }
        if !finalSummary.isEmpty { HFTrainerStateFormat.fillMetadata(&builder.metadata, topLevel: [], summary: finalSummary) }
        let configItems = c.config.isEmpty ? files.config() : c.config.compactMap { item in Self.json(item.value).map { (item.key, $0) } }
        config += configItems

        if segment == 0 || facts.isEmpty { describe(c, files: &files) }
        events(c, files: &files, path: path, builder: &builder)
        for problem in files.problems {
            builder.provenance.issues.append(IngestIssue(kind: .repair, path: problem.path, message: problem.message))
        }
        if let missing = Self.missingOnlineFiles(runDirectory: runDirectory) {
            builder.provenance.issues.append(IngestIssue(kind: .repair, path: files.path, message: missing))
        }
        if segment > 0 {
            builder.provenance.issues.append(IngestIssue(kind: .warning, path: path,
                message: "W&B run resumed\(c.startingStep.map { " at step \($0)" } ?? ""): this file is segment \(segment + 1) of the run"))
        }
        lastExit = .some(c.exitCode)
    }

    /// Each row's step (-1: none), and the step key that gave them.
    struct RowSteps {
        var stepKey: String?
        var steps: [Int]
        /// Whether every row has a step.
        var complete: Bool
    }

    /// A column's points: the values of rows that have a step, with their steps and wall times. A
    /// column in every row of a file whose rows all have steps (the usual case) shares the rows'
    /// step and time arrays and hands over its values array: nothing is copied.
    static func points(_ column: WandbRecordDecoder.Column, _ rows: RowSteps, times: [Double]) -> (steps: [Int], walls: [Double], values: [Double]) {
        let n = column.values.count
        if rows.complete && column.isDense {
            let range = column.firstRow..<column.firstRow + n
            if range == rows.steps.indices { return (rows.steps, times, column.values) }
            return (Array(rows.steps[range]), Array(times[range]), column.values)
        }
        var steps: [Int] = []
        var walls: [Double] = []
        var values: [Double] = []
        steps.reserveCapacity(n)
        walls.reserveCapacity(n)
        values.reserveCapacity(n)
        for i in 0..<n {
            let row = column.row(i)
            let step = rows.steps[row]
            guard step >= 0 else { continue }
            steps.append(step)
            walls.append(times[row])
            values.append(column.values[i])
        }
        return (steps, walls, values)
    }

    /// The timeline from rows that have a step.
    private static func timeline(_ c: WandbRecordDecoder.Contents, _ rows: RowSteps) -> WandbSystemMetrics.Timeline {
        if rows.complete { return WandbSystemMetrics.Timeline(times: c.rowTimes, steps: rows.steps) }
        let kept = rows.steps.indices.filter { rows.steps[$0] >= 0 }
        return WandbSystemMetrics.Timeline(times: kept.map { c.rowTimes[$0] }, steps: kept.map { rows.steps[$0] })
    }

    /// Which key is the step, and each row's step.
    private func stepsOfRows(_ c: WandbRecordDecoder.Contents, path: String, builder: inout RunBuilder) -> RowSteps {
        let keys = Set(c.columns.map(\.key))
        let defined = c.stepMetrics.first { $0.glob && $0.name == "*" && keys.contains($0.stepMetric) }?.stepMetric
        let stepKey = defined ?? StepKey.candidates.first { $0 != "_step" && keys.contains($0) }
        guard let stepKey, let column = c.columns.first(where: { $0.key == stepKey }) else {
            let missing = c.rowSteps.count { $0 < 0 }
            if missing > 0 {
                builder.provenance.issues.append(IngestIssue(kind: .repair, path: path,
                    message: "\(missing) history rows without a step (_step) skipped"))
            }
            return RowSteps(stepKey: nil, steps: c.rowSteps, complete: missing == 0)
        }
        var steps = [Int](repeating: -1, count: c.rowSteps.count)
        for (i, value) in column.values.enumerated() where value >= 0 && value == value.rounded() && value < 1e18 {
            steps[column.row(i)] = Int(value)
        }
        let missing = steps.count { $0 < 0 }
        if missing > 0 {
            builder.provenance.issues.append(IngestIssue(kind: .warning, path: path,
                message: "\(missing) of \(steps.count) history rows have no \(stepKey) (the step axis); their values are not shown"))
        }
        return RowSteps(stepKey: stepKey, steps: steps, complete: missing == 0)
    }

    private mutating func describe(_ c: WandbRecordDecoder.Contents, files: inout WandbFilesFolder) {
        let meta = files.metadata()
        let firstGPU: JSONValue?
        if case .array(let gpus) = meta?["gpu_nvidia"] ?? meta?["gpu_devices"] ?? .null { firstGPU = gpus.first } else { firstGPU = nil }
        let metaArgs: [String]
        if case .array(let items) = meta?["args"] ?? .null { metaArgs = items.compactMap(\.stringValue) } else { metaArgs = [] }
        let args = c.args.isEmpty ? metaArgs : c.args
        func fact(_ key: String, _ value: String?) {
            if let value, !value.isEmpty, !facts.contains(where: { $0.0 == key }) { facts.append((key, value)) }
        }
        fact("wandb.run_id", c.runID)
        fact("wandb.project", c.project)
        fact("wandb.entity", c.entity)
        fact("wandb.display_name", c.displayName)
        fact("wandb.group", c.group)
        fact("wandb.job_type", c.jobType)
        fact("wandb.host", c.host ?? meta?["host"]?.stringValue)
        fact("wandb.start_time", c.startTime.map { String(Int($0)) })
        fact("wandb.started_at", meta?["startedAt"]?.stringValue)
        fact("wandb.program", c.program ?? meta?["program"]?.stringValue)
        fact("wandb.args", args.isEmpty ? nil : String(args.joined(separator: " ").prefix(2000)))
        fact("wandb.python", c.python ?? meta?["python"]?.stringValue)
        fact("wandb.os", c.os ?? meta?["os"]?.stringValue)
        // The writer's version: the header record (wandb-core), else telemetry (older versions).
        fact("wandb.version", c.producer ?? c.cliVersion ?? meta?["cliVersion"]?.stringValue ?? meta?["cli_version"]?.stringValue)
        fact("wandb.huggingface_version", c.huggingfaceVersion)
        fact("system.gpu_type", c.gpuType ?? meta?["gpu"]?.stringValue ?? firstGPU?["name"]?.stringValue)
        fact("system.gpu_count", (c.gpuCount ?? meta?["gpu_count"]?.intValue).map(String.init))
        // protojson writes a uint64 as a string ("85899345920"), wandb's Python backend as a number.
        let metaMemory = firstGPU?["memoryTotal"] ?? firstGPU?["memory_total"]
        fact("system.gpu_memory_bytes", c.gpuMemoryTotal.map { String($0) } ?? metaMemory?.stringValue ?? metaMemory?.intValue.map(String.init))
        fact("system.cuda_version", c.cudaVersion ?? meta?["cudaVersion"]?.stringValue ?? meta?["cuda"]?.stringValue)
    }

    private mutating func events(_ c: WandbRecordDecoder.Contents, files: inout WandbFilesFolder, path: String, builder: inout RunBuilder) {
        var lines = c.console.map { ($0.text, path) }
        if lines.isEmpty, let log = files.outputLog() { lines = log.lines.map { ($0, log.path) } }
        var dropped = 0
        for (n, line) in lines.enumerated() {
            guard let kind = HFTextLogScanner.eventKind(line.0) else { continue }
            if builder.metadata.logEvents.count < HFTextLogScanner.maxEvents {
                builder.metadata.logEvents.append(LogEvent(kind: kind, path: line.1, line: n + 1, text: String(line.0.trimmingPrefix(" ").prefix(300))))
            } else {
                dropped += 1
            }
        }
        if dropped > 0 {
            builder.provenance.issues.append(IngestIssue(kind: .warning, path: path,
                message: "\(dropped) more error/out-of-memory console lines not kept (the first \(HFTextLogScanner.maxEvents) are)"))
        }
        // Events that are records, not console lines, point at the record's number in the file.
        if let record = c.preemptedRecord {
            builder.metadata.logEvents.append(LogEvent(kind: .error, path: path, line: record, text: "W&B preempting record: the run was preempted"))
        }
        if let code = c.exitCode, code != 0 {
            builder.metadata.logEvents.append(LogEvent(kind: .error, path: path, line: c.exitRecord ?? 0, text: "W&B exit record: the run exited with code \(code)"))
        }
    }

    /// `files/wandb-summary.json` against the `.wandb` file: a history key's summary is its last
    /// logged value, and a summary key both hold should agree. A difference usually means the
    /// `.wandb` file was cut short (its last rows never written) or the summary was set by hand.
    private func crossCheck(_ fileSummary: [(String, Double)], _ c: WandbRecordDecoder.Contents, files: WandbFilesFolder,
                            builder: inout RunBuilder) {
        var differing: [String] = []
        for (key, value) in fileSummary where !key.hasPrefix("_") {
            let recorded = c.columns.first { $0.key == key }?.values.last ?? c.summary.first { $0.key == key }?.value
            guard let recorded, !RunAssembler.sameValue(recorded, value) else { continue }
            differing.append("\(key): \(JSONValue.number(value).serialized(pretty: false)) there, \(JSONValue.number(recorded).serialized(pretty: false)) in the .wandb file")
        }
        guard let first = differing.first else { return }
        builder.provenance.issues.append(IngestIssue(kind: .warning, path: files.path + "/wandb-summary.json",
            message: "the final summary differs from the .wandb file for \(differing.count) key\(differing.count == 1 ? "" : "s") (first \(first)): the .wandb file may have been cut short, or the summary set by hand; the series show the .wandb file's values"))
    }

    /// Online runs (`run-*`) write `wandb-summary.json`, `config.yaml` and `wandb-metadata.json`
    /// into `files/`; when some are missing (a killed run, or files deleted), the run is read from
    /// its `.wandb` file alone, which holds the same facts. Offline runs never need them.
    static func missingOnlineFiles(runDirectory: String) -> String? {
        guard RunNaming.lastComponent(runDirectory).hasPrefix("run-") else { return nil }
        let names = ["wandb-summary.json", "config.yaml", "wandb-metadata.json"]
        let missing = names.filter { !FileSystem.isFile(runDirectory + "/files/" + $0) }
        guard !missing.isEmpty else { return nil }
        return "an online W&B run without files/\(missing.joined(separator: ", files/")) (wandb writes \(missing.count == 1 ? "it" : "them") when the run ends: killed, or deleted); read from the .wandb file alone"
    }

    mutating func finish(into builder: inout RunBuilder) {
        for (key, value) in facts { builder.metadata.setExtra(key, value) }
        var summary: [(String, Double)] = []
        for (key, value) in summaryNumbers {
            if let i = summary.firstIndex(where: { $0.0 == key }) { summary[i].1 = value } else { summary.append((key, value)) }
        }
        for (key, value) in summary { builder.metadata.setExtra("summary.\(key)", JSONValue.number(value).serialized(pretty: false)) }
        var configObject: [(String, JSONValue)] = []
        for (key, value) in config where !key.hasPrefix("_") {
            if let text = value.scalarText {
                builder.metadata.setExtra("config.\(key)", text)
                MLflowFormat.applyParam(key, text, to: &builder.metadata)
            }
            configObject.append((key, value))
        }
        if configObject.contains(where: { $0.0 == "_name_or_path" || $0.0 == "model_type" || $0.0 == "architectures" }) {
            HFModelConfig.fillConfig(&builder.metadata, .object(configObject))
        }
        if builder.metadata.modelName == nil {
            HFModelConfig.fill(&builder.metadata, from: runDirectories.map { Self.parent(of: Self.parent(of: $0)) })
        }
        if let peak = peakGPUMemory {
            builder.metadata.setExtra("system.gpu_memory_allocated_peak_percent", JSONValue.number((peak * 10).rounded() / 10).serialized(pretty: false))
        }
        switch lastExit {
        case .some(.some(let code)):
            builder.metadata.setExtra("wandb.exit_code", String(code))
        default:
            builder.provenance.issues.append(IngestIssue(kind: .warning, path: lastPath,
                message: "no exit record: the run was killed (or crashed hard, or is still running) before W&B could record how it ended"))
        }
    }

    static func json(_ text: String) -> JSONValue? {
        Array(text.utf8).withUnsafeBufferPointer { b in
            var s = JSONScanner(bytes: b, path: "")
            return try? s.parseValue()
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
