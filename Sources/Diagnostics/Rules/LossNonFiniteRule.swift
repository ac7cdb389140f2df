import RunModel

/// `loss-nonfinite`: the training loss, eval loss or gradient norm became NaN or Inf.
///
/// Severity follows persistence. Non-finite values to the end of the log (the last
/// `persistent_points` training points, or the last evaluation) mean the run diverged: error. A
/// transient non-finite training or eval loss is a warning. A few transient non-finite gradient norms
/// are ordinary under fp16 dynamic loss scaling (the scaler skips the step): info, unless more than
/// `max_transient_fraction` of the points are affected.
///
/// HF's default `logging_nan_inf_filter=True` replaces a NaN loss by the running mean before logging,
/// so in trainer_state.json a NaN `grad_norm` is often the only trace; recent versions can even log
/// the filtered loss as exactly 0.0 after a divergence. The message says so when that is the case.
///
/// Thresholds: `persistent_points` (3), `max_transient_fraction` (0.1).
struct LossNonFiniteRule: Rule {
    let id = "loss-nonfinite"
    let summary = "Training loss, eval loss or gradient norm became NaN/Inf; how often, from when, and whether it recovered."

    static let persistentPoints = Threshold("persistent_points", 3, "trailing non-finite training points that mean the run diverged")
    static let maxTransientFraction = Threshold("max_transient_fraction", 0.1, "share of non-finite gradient norms still treated as ordinary fp16 step skipping")
    var thresholds: [Threshold] { [Self.persistentPoints, Self.maxTransientFraction] }

    /// Non-finite points of one series.
    struct Occurrence {
        var series: Series
        var steps: [Int]
        var trailing: Int
        var persistent: Bool
        var severity: Severity
    }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        let roles: [MetricRole] = [.trainLoss, .evalLoss, .gradNorm]
        let occurrences = roles.compactMap { run.series($0) }.compactMap { occurrence($0, context: context) }
        guard let worst = occurrences.max(by: { $0.severity < $1.severity }),
              let first = occurrences.flatMap(\.steps).min(), let last = occurrences.flatMap(\.steps).max() else { return [] }
        let severity = worst.severity
        var parts = occurrences.map { o -> String in
            let state = o.persistent ? "non-finite to the end of the log" : "recovered afterwards"
            return "\(o.series.name) non-finite at \(Format.count(o.steps.count, "point")) of \(o.series.count) "
                + "(steps \(stepList(o.steps))), \(state)"
        }
        let trainHidden = run.series(.trainLoss).map { s in !s.values.contains { !$0.isFinite } } ?? true
        let gradAffected = occurrences.contains { $0.series.role == .gradNorm }
        if gradAffected && trainHidden {
            parts.append("the training loss shows no NaN, but HF's logging_nan_inf_filter=True (the default) replaces a NaN loss by the running mean before logging, so the loss curve may hide these steps")
            if let zeros = zeroLossSteps(run, from: first), !zeros.isEmpty {
                parts.append("the training loss is logged as exactly 0.0 at steps \(stepList(zeros)), which is how recent transformers versions log a filtered loss after a divergence")
            }
        }
        var evidence: [Evidence] = [
            Evidence("first_step", .integer(first)),
            Evidence("last_step", .integer(last)),
        ]
        for o in occurrences {
            let key = o.series.name.evidenceName()
            evidence.append(Evidence("\(key)_nonfinite", .integer(o.steps.count)))
            evidence.append(Evidence("\(key)_recovered", .text(o.persistent ? "no" : "yes")))
        }
        let title: String
        switch severity {
        case .error: title = "Training diverged: \(worst.series.name) is NaN/Inf from step \(worst.steps[worst.steps.count - worst.trailing]) to the end"
        case .warning: title = "\(worst.series.name) was NaN/Inf at \(Format.count(worst.steps.count, "point")), then recovered"
        case .info: title = "Transient NaN/Inf \(worst.series.name) at \(Format.count(worst.steps.count, "step")) (skipped steps)"
        }
        let why: String
        let fixes: [String]
        if severity == .info {
            why = "Under fp16 the dynamic loss scaler skips a step whose gradients overflow and halves the scale; the norm of the skipped step is logged as NaN/Inf. A few such steps are ordinary."
            fixes = [
                "Nothing to do while it stays rare; use bf16=True instead of fp16=True (no loss scaling, no skipped steps) if the hardware supports it.",
                "If it becomes frequent, lower learning_rate and keep max_grad_norm=1.0.",
            ]
        } else {
            why = severity == .error
                ? "Once the weights hold NaN/Inf every later step is wasted and the saved model is unusable."
                : "A NaN/Inf loss means a step produced garbage; if the optimiser applied it, the weights may be damaged."
            let advice = Advice(run)
            fixes = [
                "Restart from the last checkpoint before step \(first). " + advice.lowerLR(at: first, event: "it became NaN/Inf"),
                advice.clipping(),
                advice.precision(),
                advice.lengthenWarmup(),
                "Inspect the training batches around step \(first) for empty, corrupt or extremely long examples.",
            ].compactMap { $0 }
        }
        return [Finding(id: id, severity: severity, title: title, message: parts.joined(separator: "; ") + ".",
                        steps: first...last, metric: worst.series.name, evidence: evidence, why: why, fixes: fixes)]
    }

    private func occurrence(_ series: Series, context: RuleContext) -> Occurrence? {
        var steps: [Int] = []
        for i in series.values.indices where !series.values[i].isFinite { steps.append(series.steps[i]) }
        guard !steps.isEmpty else { return nil }
        let trailing = series.values.reversed().prefix { !$0.isFinite }.count
        let persistent: Bool
        switch series.role {
        case .evalLoss: persistent = trailing >= 1
        default: persistent = trailing >= max(1, context.count(Self.persistentPoints)) || (trailing > 0 && trailing == series.count)
        }
        let severity: Severity
        if persistent {
            severity = .error
        } else if series.role == .gradNorm && Double(steps.count) <= context[Self.maxTransientFraction] * Double(series.count) {
            severity = .info
        } else {
            severity = .warning
        }
        return Occurrence(series: series, steps: steps, trailing: trailing, persistent: persistent, severity: severity)
    }

    private func zeroLossSteps(_ run: Run, from step: Int) -> [Int]? {
        guard let train = run.series(.trainLoss) else { return nil }
        return train.steps.indices.filter { train.steps[$0] >= step && train.values[$0] == 0 }.map { train.steps[$0] }
    }

    /// "1, 2, 18, 74" or "1, 2, 3, ... 900" for long lists.
    private func stepList(_ steps: [Int]) -> String {
        if steps.count <= 6 { return steps.map(String.init).joined(separator: ", ") }
        return steps.prefix(3).map(String.init).joined(separator: ", ") + ", ... \(steps[steps.count - 1])"
    }
}
