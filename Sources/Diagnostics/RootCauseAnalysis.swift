import Foundation
import RunModel

/// Links the findings of a failed or degraded run into one story (`RootCause`) and names the most
/// likely cause with the run's numbers. It reads the findings and the run; it never invents a link:
/// a cause needs evidence from the run, else the story says "cause unknown".
///
/// In order of consequence:
/// - divergence (`loss-nonfinite` or `loss-spike` at error, or a gradient-norm error): the step it
///   began, the LR then against the usual range (`UsualLR`), how much the gradient norm grew before
///   it, whether clipping was on; under fp16 a falling loss scale. An LR at least 3x above the usual
///   range is named as the likely cause, and the `lr-schedule` finding is raised to at least a
///   warning (an LR that is the likely cause of a failure is never info).
/// - out of memory: after the sequence length or batch size grew, when a series records it;
/// - overfitting (the model got worse than an earlier checkpoint);
/// - an RL reward that fell back (`rl-reward-decline`): linked to a KL that rose meanwhile
///   (`rl-kl-blowup`, or the KL read from the finding's evidence), an entropy collapse, length hacking;
/// - a stall or throughput drop: the input pipeline when GPU utilisation was low meanwhile;
/// - a run that stopped early (`run-truncated` warning): the log cut mid-line, the schedule unfinished;
/// - a loss that did not fall (`slow-convergence`, `underfitting` warnings): an LR below the usual range.
enum RootCauseAnalysis {
    /// The LR excess over the usual range from which the LR is named as a divergence's likely cause.
    static let lrCauseExcess = 3.0

    static func analyze(_ run: Run, findings: inout [Finding]) -> RootCause? {
        func has(_ id: String, _ severity: Severity) -> Finding? {
            findings.first { $0.id == id && $0.severity >= severity }
        }
        if let failure = has("loss-nonfinite", .error) ?? has("loss-spike", .error) ?? has("grad-norm-explosion", .error) {
            return divergence(run, failure: failure, findings: &findings)
        }
        if let oom = has("oom", .error) { return outOfMemory(run, oom) }
        if let worse = has("overfitting", .warning) { return degraded(run, worse, findings) }
        if let fall = has("rl-reward-decline", .warning) { return rewardFell(run, fall, findings: &findings) }
        if let stall = has("throughput-drop", .warning) { return stalled(run, stall) }
        if let stop = has("run-truncated", .warning) { return stopped(run, stop) }
        if let worse = has("slow-convergence", .warning) ?? has("underfitting", .warning) {
            return degraded(run, worse, findings)
        }
        return nil
    }

    // MARK: divergence

    private static func divergence(_ run: Run, failure: Finding, findings: inout [Finding]) -> RootCause {
        let step = failure.steps?.lowerBound ?? RunExtent.lastStep(run) ?? 0
        let advice = Advice(run)
        var links = [RootCause.Link(finding: failure.id, text: what(failure, step: step))]
        var clauses: [String] = []
        var cause: String?
        if let lr = advice.lr(at: step) {
            let excess = lr > advice.usual.high ? lr / advice.usual.high : 1
            var clause = "while the learning rate was \(Format.number(lr))"
            if excess > 1 {
                clause += " (\(UsualLR.times(excess)) the top of the usual range, \(Format.number(advice.usual.high)) for \(advice.usual.basis))"
            }
            if let s = advice.schedule, s.stillRising || (s.hasWarmup && step <= s.warmupEndStep) {
                clause += s.stillRising ? ", still rising in its warmup" : ", in its warmup"
            }
            clauses.append(clause)
            if excess >= lrCauseExcess {
                cause = "learning-rate"
                links.append(RootCause.Link(finding: "lr-schedule", text: "LR \(Format.number(lr)) at step \(step), \(UsualLR.times(excess)) the usual peak"))
                raiseLRFinding(&findings, lr: lr, step: step, excess: excess, advice: advice)
            }
        }
        if let growth = gradGrowth(run, before: step), growth.factor >= 5 {
            clauses.append("after the gradient norm grew \(UsualLR.times(growth.factor)) (\(Format.number(growth.from)) to \(Format.number(growth.to)) by step \(growth.step))")
            if findings.contains(where: { $0.id == "grad-norm-explosion" }) {
                links.append(RootCause.Link(finding: "grad-norm-explosion", text: "gradient norm \(UsualLR.times(growth.factor)) its early level"))
            }
        }
        switch advice.settings.clipping {
        case 0?: clauses.append("with gradient clipping off (max_grad_norm=0)")
        case let clip?: clauses.append("with clipping at max_grad_norm=\(Format.number(clip))")
        case nil: break
        }
        if advice.settings.fp16 == true {
            if let scale = lossScaleFall(run, before: step) {
                clauses.append("under fp16 with the loss scale falling from \(Format.number(scale.from)) to \(Format.number(scale.to))")
                if cause == nil { cause = "fp16-loss-scale" }
            } else {
                clauses.append("under fp16")
            }
        }
        if let spike = findings.first(where: { $0.id == "loss-spike" && $0.id != failure.id }), let s = spike.steps, s.lowerBound <= step {
            links.append(RootCause.Link(finding: "loss-spike", text: "loss spiked from step \(s.lowerBound)"))
        }
        var sentence = "The run diverged at step \(step)"
        if !clauses.isEmpty { sentence += " " + clauses.joined(separator: ", ") }
        switch cause {
        case "learning-rate"?: sentence += ": the learning rate is the likely cause."
        case "fp16-loss-scale"?: sentence += ": fp16 overflow is the likely cause."
        default: sentence += clauses.isEmpty ? "; cause unknown (the logs carry no LR, gradient norm or precision setting to go on)." : "; cause unknown from the logs."
        }
        return RootCause(outcome: .diverged, cause: cause, sentence: sentence, links: links)
    }

    private static func what(_ failure: Finding, step: Int) -> String {
        switch failure.id {
        case "loss-nonfinite": return "NaN/Inf from step \(step)"
        case "loss-spike": return "a loss spike at step \(step) that never recovered"
        default: return "the gradient norm exploded at step \(step)"
        }
    }

    /// The LR that likely caused a failure is at least a warning, and its fix gives a concrete value.
    private static func raiseLRFinding(_ findings: inout [Finding], lr: Double, step: Int, excess: Double, advice: Advice,
                                       event: String = "the loss diverged") {
        guard let i = findings.firstIndex(where: { $0.id == "lr-schedule" }) else { return }
        findings[i].severity = max(findings[i].severity, .warning)
        let what = event == "the loss diverged" ? "divergence at step \(step)" : "\(event) (step \(step))"
        findings[i].evidence.append(Evidence("likely_cause_of", .text("\(what) (LR \(Format.number(lr)), \(UsualLR.times(excess)) the usual peak)")))
        findings[i].message += event == "the loss diverged"
            ? " The run diverged at step \(step) with the LR at \(Format.number(lr)): the likely cause."
            : " In this run \(event) at step \(step) with the LR at \(Format.number(lr)): the likely cause."
        findings[i].fixes.removeAll { $0.hasPrefix("Lower learning_rate") }
        findings[i].fixes.insert(advice.lowerLR(at: step, event: event), at: 0)
    }

    /// The largest finite gradient norm before `step` against the median of the first quarter of the
    /// norms before it; nil without a gradient norm.
    private static func gradGrowth(_ run: Run, before step: Int) -> (factor: Double, from: Double, to: Double, step: Int)? {
        guard let series = run.series(.gradNorm) else { return nil }
        let points = FinitePoints(series.slice(steps: Int.min...step))
        guard points.count >= 4 else { return nil }
        let early = Stats.median(Array(points.values.prefix(max(2, points.count / 4))))
        guard early > 0, let i = points.values.indices.max(by: { points.values[$0] < points.values[$1] }) else { return nil }
        return (points.values[i] / early, early, points.values[i], points.steps[i])
    }

    /// A logged loss scale (`loss_scale`, `scaler/scale`...) that fell before `step`.
    private static func lossScaleFall(_ run: Run, before step: Int) -> (from: Double, to: Double)? {
        guard let series = run.series.first(where: { $0.name.lowercased().contains("scale") && $0.name.lowercased().contains("loss") || $0.name.lowercased().hasSuffix("scaler/scale") }) else { return nil }
        let points = FinitePoints(series.slice(steps: Int.min...step))
        guard let first = points.values.max(), let last = points.values.last, last < first / 2 else { return nil }
        return (first, last)
    }

    // MARK: other outcomes

    private static func outOfMemory(_ run: Run, _ oom: Finding) -> RootCause {
        let step = oom.steps?.lowerBound
        let at = step.map { " at step \($0)" } ?? ""
        var links = [RootCause.Link(finding: oom.id, text: "CUDA out of memory\(at)")]
        for series in run.series where isSizeSeries(series.name) {
            let points = FinitePoints(series)
            guard let first = points.values.first, let last = points.values.last, first > 0, last >= 1.2 * first else { continue }
            links.append(RootCause.Link(finding: oom.id, text: "\(series.name) grew from \(Format.number(first)) to \(Format.number(last))"))
            return RootCause(outcome: .outOfMemory, cause: "batch-growth",
                             sentence: "The run ran out of GPU memory\(at) after \(series.name) grew from \(Format.number(first)) to \(Format.number(last)) (\(UsualLR.times(last / first))): the larger batches are the likely cause.",
                             links: links)
        }
        return RootCause(outcome: .outOfMemory, cause: nil,
                         sentence: "The run ran out of GPU memory\(at); cause unknown from the logs (they record no change of sequence length or batch size).",
                         links: links)
    }

    private static func isSizeSeries(_ name: String) -> Bool {
        let n = name.lowercased()
        return n.contains("seq_len") || n.contains("sequence_length") || n.contains("batch_size") || n.contains("num_tokens_per")
    }

    private static func stalled(_ run: Run, _ stall: Finding) -> RootCause {
        let range = stall.steps.map { " over steps \($0.lowerBound)-\($0.upperBound)" } ?? ""
        let links = [RootCause.Link(finding: stall.id, text: stall.title)]
        if let gpu = run.series(.gpuUtilization), let steps = stall.steps {
            let during = FinitePoints(gpu.slice(steps: steps))
            let scale = GPUUtilization.percentScale(FinitePoints(gpu).values)
            if !during.isEmpty, Stats.median(during.values) * scale < 50 {
                let level = Stats.median(during.values) * scale
                return RootCause(outcome: .stalled, cause: "input-pipeline",
                                 sentence: "Training slowed\(range) while the GPU sat mostly idle (\(Format.number(level))% busy): the input pipeline (data loading) is the likely cause.",
                                 links: links + [RootCause.Link(finding: "low-gpu-utilization", text: "GPU utilisation \(Format.number(level))% meanwhile")])
            }
        }
        return RootCause(outcome: .stalled, cause: nil,
                         sentence: "Training slowed or stalled\(range); cause unknown from the logs (no GPU utilisation logged to tell the input pipeline from the GPU).",
                         links: links)
    }

    private static func stopped(_ run: Run, _ stop: Finding) -> RootCause {
        let cut = stop.evidence.first { $0.name == "log_cut_mid_line" }
        if case .text(let kind)? = stop.evidence.first(where: { $0.name == "snapshot" })?.value, kind == "checkpoint directory" {
            return RootCause(outcome: .stopped, cause: nil,
                             sentence: "\(sentence(stop.title)), but this file is a checkpoint's snapshot taken during training: the run may have gone on.",
                             links: [RootCause.Link(finding: stop.id, text: stop.title)])
        }
        let unfinished = stop.evidence.first { $0.name == "lr_final_fraction" }
        var reasons: [String] = []
        if cut != nil { reasons.append("its log ends mid-line, as a killed process leaves it") }
        if case .text(let kind)? = stop.evidence.first(where: { $0.name == "snapshot" })?.value, kind != "checkpoint directory" {
            reasons.append("its output folder has no final trainer_state.json, so it got no further than its last save")
        }
        if case .number(let f)? = unfinished?.value { reasons.append("the learning rate had decayed only to \(Format.percent(f)) of its peak") }
        let what = stop.title.hasSuffix(".") ? String(stop.title.dropLast()) : stop.title
        let sentence = reasons.isEmpty
            ? "\(what); cause unknown from the logs (the console or job log says why)."
            : "\(what): \(reasons.joined(separator: " and ")); the logs do not say why (crash, kill or time limit)."
        return RootCause(outcome: .stopped, cause: nil, sentence: sentence, links: [RootCause.Link(finding: stop.id, text: stop.title)])
    }

    private static func degraded(_ run: Run, _ worse: Finding, _ findings: [Finding]) -> RootCause {
        var links = [RootCause.Link(finding: worse.id, text: worse.title)]
        switch worse.id {
        case "overfitting":
            let fell = !worse.title.contains("did not fall")
            let best = worse.steps?.lowerBound
            let title = sentence(worse.title)
            // OverfittingRule names a classifier's task metric that kept improving: then the later checkpoint is better.
            if case .text(let task)? = worse.evidence.first(where: { $0.name == "task_metric" })?.value,
               case .integer(let taskStep)? = worse.evidence.first(where: { $0.name == "task_metric_best_step" })?.value {
                return RootCause(outcome: .degraded, cause: "overfitting",
                                 sentence: "\(title), but \(task) kept improving to step \(taskStep): the model grew over-confident on the examples it gets wrong, not worse at the task, so the checkpoint at step \(taskStep) is the one to keep.",
                                 links: links)
            }
            let text = fell
                ? "The model fit its training data at the expense of held-out data: \(title)\(best.map { ", so the checkpoint around step \($0) is better than the final one" } ?? "")."
                : "\(title.replacingOccurrences(of: " (training loss did not fall)", with: "")) while the training loss did not fall: the learning rate may have damaged what the model knew (cause not certain from the logs)."
            return RootCause(outcome: .degraded, cause: fell ? "overfitting" : nil, sentence: text, links: links)
        default:
            if let lr = findings.first(where: { $0.id == "lr-schedule" && $0.evidence.contains { e in
                if case .number(let x) = e.value { return e.name == "peak_vs_usual" && x > 1 } else { return false } } }),
               lr.message.contains("below the bottom") {
                links.append(RootCause.Link(finding: lr.id, text: lr.title))
                return RootCause(outcome: .degraded, cause: "learning-rate",
                                 sentence: "\(sentence(worse.title)): the learning rate, below the usual range, is the likely cause.", links: links)
            }
            return RootCause(outcome: .degraded, cause: nil,
                             sentence: "\(sentence(worse.title)); cause unknown from the logs (learning rate, data or frozen parameters).", links: links)
        }
    }

    /// The story of an RL reward that fell back: a learning rate at least `lrCauseExcess` above the usual
    /// range (then named as the cause, and `lr-schedule` raised to a warning), else the policy drifted
    /// from its reference (the KL rose while the reward fell), else it lost its exploration (entropy
    /// collapse, or entropy at the end at most half its level at the best); else cause unknown.
    private static func rewardFell(_ run: Run, _ fall: Finding, findings: inout [Finding]) -> RootCause {
        var links = [RootCause.Link(finding: fall.id, text: fall.title)]
        func number(_ f: Finding, _ name: String) -> Double? {
            if case .number(let x)? = f.evidence.first(where: { $0.name == name })?.value { return x }
            return nil
        }
        let step = fall.steps?.lowerBound
        let after = step.map { " after step \($0)" } ?? ""
        var cause: String?
        var clauses: [String] = []
        if let kl = findings.first(where: { $0.id == "rl-kl-blowup" }) {
            links.append(RootCause.Link(finding: kl.id, text: kl.title))
            clauses.append("the KL to the reference model blew up (\(kl.metric ?? "kl") \(number(kl, "kl_start").map(Format.number) ?? "?") -> \(number(kl, "kl_end").map(Format.number) ?? "?"))")
            cause = "policy-drift"
        } else if let atBest = number(fall, "kl_at_best"), let atEnd = number(fall, "kl_end"), atEnd > 2 * atBest {
            clauses.append("the KL to the reference model rose from \(Format.number(atBest)) to \(Format.number(atEnd))")
            cause = "policy-drift"
        }
        if let entropy = findings.first(where: { $0.id == "rl-entropy-collapse" }) {
            links.append(RootCause.Link(finding: entropy.id, text: entropy.title))
            clauses.append("the policy's entropy collapsed")
            if cause == nil { cause = "entropy-collapse" }
        } else if let atBest = number(fall, "entropy_at_best"), let atEnd = number(fall, "entropy_end"), atBest > 0, atEnd <= atBest / 2 {
            clauses.append("the policy's entropy fell from \(Format.number(atBest)) to \(Format.number(atEnd)) nats")
            if cause == nil { cause = "entropy-collapse" }
        }
        let advice = Advice(run)
        if let step, let lr = advice.lr(at: step), lr > advice.usual.high, lr / advice.usual.high >= lrCauseExcess {
            let excess = lr / advice.usual.high
            clauses.insert("at a learning rate of \(Format.number(lr)) (\(UsualLR.times(excess)) the top of the usual range, \(Format.number(advice.usual.high)) for \(advice.usual.basis))", at: 0)
            cause = "learning-rate"
            if findings.contains(where: { $0.id == "lr-schedule" }) {
                links.append(RootCause.Link(finding: "lr-schedule", text: "LR \(Format.number(lr)) at step \(step), \(UsualLR.times(excess)) the usual peak"))
                raiseLRFinding(&findings, lr: lr, step: step, excess: excess, advice: advice, event: "the reward peaked and then fell")
            }
        }
        if let length = findings.first(where: { $0.id == "rl-length-hacking" }) {
            links.append(RootCause.Link(finding: length.id, text: length.title))
            clauses.append("completions ran to the length limit")
        }
        let title = sentence(fall.title)
        let text: String
        switch cause {
        case "policy-drift"?:
            text = "\(title): it fell\(after) while \(clauses.joined(separator: ", and ")); updates too large for the KL penalty (learning rate, beta) are the likely cause."
        case "learning-rate"?:
            text = "\(title): it fell\(after) \(clauses.joined(separator: ", while ")); the learning rate is the likely cause."
        case "entropy-collapse"?:
            text = "\(title): it fell\(after) while \(clauses.joined(separator: ", and ")); a policy that stopped exploring is the likely cause."
        default:
            text = clauses.isEmpty
                ? "\(title); cause unknown from the logs (no KL or entropy collapse recorded: check the learning rate, the reward function and the completions)."
                : "\(title), while \(clauses.joined(separator: ", and ")); cause not certain from the logs."
        }
        return RootCause(outcome: .degraded, cause: cause, sentence: text, links: links)
    }

    static func sentence(_ title: String) -> String {
        var t = title
        while t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
