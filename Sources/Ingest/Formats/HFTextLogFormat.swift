import RunModel

/// The stdout log of a Hugging Face Trainer run (plain Trainer, LLaMA-Factory `running_log.txt`,
/// Axolotl, TRL, Unsloth): the dicts `ProgressCallback`/`PrinterCallback` print
/// (`{'loss': 2.28, 'learning_rate': 2.5e-06, 'epoch': 0.29}`; transformers 5.x quotes the values),
/// the `***** Running training *****` banner, and the lines that say how a run ended badly.
///
/// Every numeric key of a training or evaluation dict becomes a series; the final summary dict
/// (`train_runtime`...) and the banner (`Num Epochs`, `Total optimization steps`, batch sizes) go to
/// `RunMetadata`; out-of-memory lines, tracebacks and `...Error:` lines become `LogEvent`s. How the
/// steps are found is described in `HFTextLogSteps`.
public struct HFTextLogFormat: RunFormat {
    public let id = "hf-text-log"
    public let summary = "Hugging Face Trainer / LLaMA-Factory / Axolotl / TRL stdout log ({'loss': ...} dict lines, banner, OOM lines)"

    /// Banner names (lower-cased, without a parenthesised remark) and the fact each one is.
    static let bannerNames: [String: String] = [
        "num examples": "num_examples",
        "num epochs": "num_epochs",
        "instantaneous batch size per device": "per_device_train_batch_size",
        "batch size per device": "per_device_train_batch_size",
        "total train batch size": "total_train_batch_size",
        "total batch size": "total_train_batch_size",
        "gradient accumulation steps": "gradient_accumulation_steps",
        "total optimization steps": "max_steps",
        "total steps": "max_steps",
        "number of trainable parameters": "trainable_parameters",
        "trainable parameters": "trainable_parameters",
    ]

    static let dictMarkers = ["{'loss': ", "{'eval_loss': ", "{'train_runtime': ", "{'learning_rate': ", "{'grad_norm': "]
    static let bannerMarkers = ["***** Running training *****", "Total optimization steps = ", "Unsloth - 2x faster free finetuning"]

    public init() {}

    public func sniff(fileName: String, prefix: [UInt8]) -> Sniff {
        if prefix.contains(0) { return .no("binary (NUL bytes)") }
        if let marker = Self.dictMarkers.first(where: { Self.hasDictLine(prefix, marker: $0) }) {
            return .strong("a Trainer log dict (\(marker)...})")
        }
        if let marker = Self.bannerMarkers.first(where: { ByteText.contains(prefix, $0) }) {
            return .strong("a Trainer banner ('\(marker.trimmingPrefix("***** "))')")
        }
        return .no("no Trainer log dict ({'loss': ...}) or banner in the first \(prefix.count) bytes")
    }

    /// Whether some line holds `marker` and ends with `}`, as the Trainer prints its dicts (alone, or
    /// after a logger prefix). A dict quoted mid-sentence (in notes, a manifest) does not count.
    static func hasDictLine(_ bytes: [UInt8], marker: String) -> Bool {
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var end = line.endIndex
            while end > line.startIndex, [UInt8(ascii: " "), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains(line[end - 1]) { end -= 1 }
            guard end > line.startIndex, line[end - 1] == UInt8(ascii: "}") else { continue }
            if ByteText.contains(Array(line[..<end]), marker) { return true }
        }
        return false
    }

    public func parse(_ input: RunInput) throws -> Run {
        guard let path = input.files.first else { throw IngestError(path: input.location, message: "no file to read") }
        let (scan, endsMidLine) = try FileBytes.withContents(path) { b in
            (HFTextLogScanner.scan(b, path: path), b.last.map { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") } ?? false)
        }
        var builder = RunBuilder(name: input.name, format: id, sourcePath: path)
        builder.provenance.sources = [SourceFile(path: path, format: id, note: input.note)]
        Self.fillMetadata(&builder.metadata, banner: scan.banner, order: scan.bannerOrder)
        if let summary = scan.records.last(where: { $0.kind == .summary }) {
            let pairs = summary.members.compactMap { m in m.number.map { (m.key, $0) } }
            HFTrainerStateFormat.fillMetadata(&builder.metadata, topLevel: [], summary: pairs)
        }
        builder.metadata.logEvents = scan.events
        if scan.droppedEvents > 0 {
            builder.issue(.warning, "\(scan.droppedEvents) more error/out-of-memory lines not kept (the first \(HFTextLogScanner.maxEvents) are)")
        }
        let assignment = HFTextLogSteps.assign(scan, maxSteps: builder.metadata.maxSteps, numEpochs: builder.metadata.numTrainEpochs)
        if let warning = assignment.warning, !scan.records.isEmpty { builder.issue(.warning, warning) }
        if scan.records.isEmpty { builder.issue(.warning, "no logged dicts ({'loss': ...}) in the log: no series") }
        if endsMidLine { builder.issue(.repair, IngestIssue.endsMidLine) }

        var columns: [String: (steps: [Int], values: [Double])] = [:]
        var order: [String] = []
        for (record, step) in zip(scan.records, assignment.steps) {
            guard let step else { continue }
            for member in record.members where member.key != assignment.stepKey {
                guard let value = member.number else { continue }
                if columns[member.key] == nil { order.append(member.key); columns[member.key] = ([], []) }
                // Evaluation dicts repeat the epoch of the training dict at the same step: one point is enough.
                if member.key == "epoch", columns[member.key]?.steps.last == step { continue }
                columns[member.key]?.steps.append(step)
                columns[member.key]?.values.append(value)
            }
        }
        for key in order {
            guard let c = columns.removeValue(forKey: key), !c.steps.isEmpty else { continue }
            let canonical = MetricCatalog.canonical(key)
            builder.add(name: canonical.name, key: key, role: canonical.role, steps: c.steps, values: c.values)
        }
        return builder.build()
    }

    static func fillMetadata(_ m: inout RunMetadata, banner: [String: String], order: [String]) {
        for fact in order {
            guard let text = banner[fact] else { continue }
            let number = leadingNumber(text)
            switch fact {
            case "max_steps": m.maxSteps = number.flatMap { Int(exactly: $0) }
            case "num_epochs": m.numTrainEpochs = number
            case "per_device_train_batch_size": m.trainBatchSize = number.flatMap { Int(exactly: $0) }
            default: m.setExtra(fact, number.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) } ?? text)
            }
        }
    }

    /// `2,182` -> 2182; `36,700,160 of 3,249,449,984 (1.13% trained)` -> 36700160.
    static func leadingNumber(_ text: String) -> Double? {
        let digits = text.prefix { $0.isNumber || $0 == "," || $0 == "." }.filter { $0 != "," }
        return Double(digits)
    }
}
