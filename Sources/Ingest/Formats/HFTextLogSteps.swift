import RunModel

/// Which step each dict of a Trainer stdout log belongs to. The dicts HF prints carry no step, so:
///
/// 1. a `global_step` or `step` key in the dicts, when there is one (custom callbacks);
/// 2. else the training progress bar (`| N/M [`, M = the planned total) printed before each dict,
///    when that gives strictly increasing steps (it does not when stdout was buffered and the dicts
///    arrive in bursts, as in many Unsloth/TRL logs);
/// 3. else counting: the k-th training dict is at step `start + k * interval`, where `start` is the
///    resumed global step ("Continuing training from global step N", else 0) and `interval` comes
///    from the final summary (`train_runtime * train_steps_per_second` steps over the training
///    dicts), else from the last dict's epoch times steps per epoch (Total optimization steps /
///    Num Epochs), else 1.
///
/// Evaluation dicts take the step of the training dict before them. Cases 2 and 3 leave a warning
/// saying how the steps were made.
enum HFTextLogSteps {
    struct Assignment {
        /// Per record; nil for the final summary.
        var steps: [Int?]
        /// The step key used in case 1, which is then not a series.
        var stepKey: String?
        var warning: String?
    }

    static let stepKeys = ["global_step", "step"]

    static func assign(_ scan: HFTextLogScanner.Result, maxSteps: Int?, numEpochs: Double?) -> Assignment {
        // A planned total outside the step range (a garbled banner) would overflow the arithmetic below.
        let maxSteps = StepRule.checked(maxSteps)
        let records = scan.records
        if let keyed = fromKey(records) { return keyed }
        if let barred = fromBars(scan, maxSteps: maxSteps) { return barred }
        // A garbled resume step (beyond any real run) is ignored: adding dict counts to it would trap.
        let start = scan.resumedFrom.flatMap { Double($0) < maxPlausibleSteps ? $0 : nil } ?? 0
        return counted(records, start: start, maxSteps: maxSteps, numEpochs: numEpochs)
    }

    private static func fromKey(_ records: [HFTextLogScanner.Record]) -> Assignment? {
        guard let key = stepKeys.first(where: { k in
            records.contains { $0.kind == .train && integer($0.members.first { $0.key == k }?.number) != nil }
        }) else { return nil }
        var last = 0
        let steps = records.map { r -> Int? in
            guard r.kind != .summary else { return nil }
            if let s = integer(r.members.first { $0.key == key }?.number) { last = s }
            return last
        }
        return Assignment(steps: steps, stepKey: key)
    }

    private static func fromBars(_ scan: HFTextLogScanner.Result, maxSteps: Int?) -> Assignment? {
        guard !scan.bars.isEmpty else { return nil }
        var totals: [Int: Int] = [:]
        for bar in scan.bars { totals[bar.total, default: 0] += 1 }
        let total: Int
        if let maxSteps, totals[maxSteps] != nil {
            total = maxSteps
        } else if let common = totals.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key {
            total = common
        } else {
            return nil
        }
        let bars = scan.bars.filter { $0.total == total }
        var b = 0
        var current: Int?
        var lastTrain = Int.min
        var steps: [Int?] = []
        for (i, r) in scan.records.enumerated() {
            while b < bars.count && bars[b].recordIndex <= i {
                current = bars[b].step
                b += 1
            }
            guard r.kind != .summary else { steps.append(nil); continue }
            guard let step = current else { return nil }
            if r.kind == .train {
                guard step > lastTrain else { return nil }
                lastTrain = step
            }
            steps.append(step)
        }
        return Assignment(steps: steps, warning: "no step in the logged dicts: steps read from the training progress bar (N/\(total)) printed before each dict")
    }

    /// More steps than any real run takes: a summary or epoch beyond it is garbled, and converting it
    /// to `Int` (or multiplying the interval by the dict count) would trap.
    static let maxPlausibleSteps = 1e12

    private static func counted(_ records: [HFTextLogScanner.Record], start: Int, maxSteps: Int?, numEpochs: Double?) -> Assignment {
        let trainCount = records.filter { $0.kind == .train }.count
        var interval = 1
        var how = "the logging interval is unknown, so the k-th training dict is step k"
        let summary = records.last { $0.kind == .summary }
        let lastEpoch = records.last { $0.kind == .train }?.members.first { $0.key == "epoch" }?.number
        if trainCount > 0, let summary, let runtime = value(summary, "train_runtime"), let rate = value(summary, "train_steps_per_second"),
           runtime * rate >= 1, runtime * rate < maxPlausibleSteps {
            var total = Int((runtime * rate).rounded())
            if let maxSteps, abs(total - maxSteps) <= max(2, maxSteps / 50) { total = maxSteps }
            interval = max(1, Int((Double(total - start) / Double(trainCount)).rounded()))
            how = "interval \(interval) = about \(total - start) steps (train_runtime x train_steps_per_second in the final summary) over \(trainCount) training dicts"
        } else if trainCount > 0, let maxSteps, let numEpochs, numEpochs > 0, let lastEpoch, lastEpoch > 0,
                  lastEpoch * Double(maxSteps) / numEpochs < maxPlausibleSteps {
            let perEpoch = Double(maxSteps) / numEpochs
            interval = max(1, Int(((lastEpoch * perEpoch - Double(start)) / Double(trainCount)).rounded()))
            how = "interval \(interval) = the last dict's epoch \(lastEpoch) x \(perEpoch) steps per epoch (Total optimization steps / Num Epochs) over \(trainCount) training dicts"
        }
        var k = 0
        let steps = records.map { r -> Int? in
            switch r.kind {
            case .summary: return nil
            case .eval: return start + k * interval
            case .train:
                k += 1
                return start + k * interval
            }
        }
        let from = start > 0 ? "\(start) + " : ""
        return Assignment(steps: steps, warning: "no step in the logged dicts and no usable progress bar: steps are counted, the k-th training dict at step \(from)k x \(interval) (\(how)); evaluation dicts take the step of the training dict before them")
    }

    private static func value(_ r: HFTextLogScanner.Record, _ key: String) -> Double? {
        r.members.first { $0.key == key }?.number
    }

    private static func integer(_ v: Double??) -> Int? {
        guard let v = v ?? nil, v == v.rounded(), abs(v) < 1e15 else { return nil }
        return Int(v)
    }
}
