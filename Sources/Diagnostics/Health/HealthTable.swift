import Foundation
import RunModel

/// Builds the health table: one row per core metric, in a fixed order, with this run's figures and a
/// status taken from the findings about that metric (error -> problem, warning -> watch). A run that
/// logs a reward (RL) gets a Reward row after the validation loss: there the reward, not the loss, is
/// the training signal (a GRPO loss sits near 0 by construction).
enum HealthTable {
    static func rows(for run: Run, findings: [Finding], facts: RunFacts? = nil) -> [HealthRow] {
        var rows = coreRows(for: run, findings: findings, facts: facts)
        if let reward = run.series(.reward) {
            rows.insert(row("Reward", reward, findings,
                            measures: "The mean reward of the policy's fresh completions: the RL training signal.",
                            healthy: "Rising, then plateauing; a fall after its best is a collapse.",
                            observed: rewardFigures(reward)), at: 2)
        }
        return rows
    }

    private static func coreRows(for run: Run, findings: [Finding], facts: RunFacts?) -> [HealthRow] {
        let facts = facts ?? RunFacts(run)
        let train = run.series(.trainLoss)
        let eval = run.series(.evalLoss)
        let gradNorm = run.series(.gradNorm)
        let gpu = run.series(.gpuUtilization)
        let throughput = run.series(.tokensPerSecond) ?? run.series(.samplesPerSecond) ?? run.series(.stepsPerSecond)
        return [
            row("Training loss", train, findings,
                measures: "How well the model fits the batches it trains on.",
                healthy: "Steadily decreasing, then plateauing.", observed: train.map { trainLossFigures($0, facts: facts) }),
            row("Validation loss", eval, findings,
                measures: "How well the model does on held-out data: the generalisation signal.",
                healthy: "Decreasing, then plateauing; its lowest point marks the best checkpoint.",
                observed: eval.map(lossFigures)),
            perplexityRow(run, train: train, eval: eval, findings: findings),
            row("Learning rate", run.series(.learningRate), findings,
                measures: "The optimiser's step size, as the scheduler set it.",
                healthy: "Follows the warmup-then-decay schedule.",
                observed: run.series(.learningRate).map { facts.schedule?.summary ?? Format.count($0.count, "point") }),
            row("Gradient norm", gradNorm, findings,
                measures: "Size of the gradient before clipping.",
                healthy: "Stable; below max_grad_norm (1.0 by default) after clipping.",
                observed: gradNorm.map(spreadFigures)),
            row("GPU utilisation", gpu, findings,
                measures: "Share of time the GPU is busy.",
                healthy: "Above 80%.", observed: gpu.map(gpuFigures)),
            row("Tokens per second", throughput, findings,
                measures: "Training throughput.",
                healthy: "As high as possible, and steady.", observed: throughput.map(throughputFigures)),
        ]
    }

    private static func row(_ metric: String, _ series: Series?, _ findings: [Finding], measures: String,
                            healthy: String, observed: String?) -> HealthRow {
        guard let series, let observed else {
            return HealthRow(metric: metric, series: nil, measures: measures, healthyRange: healthy,
                             observed: "not logged", status: .notLogged)
        }
        let endsNonFinite = series.values.last.map { !$0.isFinite } ?? false
        let status = endsNonFinite ? .problem : status(of: [series.name], findings)
        return HealthRow(metric: metric, series: series.name, measures: measures, healthyRange: healthy,
                         observed: observed, status: status)
    }

    /// The worst severity among findings about `names`: error -> problem, warning -> watch, else ok.
    static func status(of names: [String], _ findings: [Finding]) -> HealthStatus {
        let worst = findings.filter { f in f.metric.map(names.contains) ?? false }.map(\.severity).max()
        switch worst {
        case .error: return .problem
        case .warning: return .watch
        default: return .ok
        }
    }

    /// Perplexity is exp(loss) and only means something for a language-model (token-level cross-entropy)
    /// loss: shown when the run logs a perplexity metric, or `Run.hasLanguageModelLoss` (never for
    /// preference / RL losses, which can be negative).
    private static func perplexityRow(_ run: Run, train: Series?, eval: Series?, findings: [Finding]) -> HealthRow {
        let measures = "exp(loss): how many tokens the model is, in effect, choosing between."
        let healthy = "Lower is better; falls with the loss."
        if let logged = run.series.first(where: { isPerplexityName($0.name) && !$0.isEmpty }) {
            return HealthRow(metric: "Perplexity", series: logged.name, measures: measures, healthyRange: healthy,
                             observed: lossFigures(logged), status: status(of: [logged.name], findings))
        }
        guard run.hasLanguageModelLoss, let source = eval ?? train else {
            let observed = (eval ?? train) == nil ? "not logged" : "not logged (no sign of a language-model loss)"
            return HealthRow(metric: "Perplexity", series: nil, measures: measures, healthyRange: healthy,
                             observed: observed, status: .notLogged)
        }
        let points = FinitePoints(source)
        guard let last = points.values.last, let best = points.values.min() else {
            return HealthRow(metric: "Perplexity", series: nil, measures: measures, healthyRange: healthy,
                             observed: "not logged", status: .notLogged)
        }
        let which = source.role == .evalLoss ? "eval" : "train"
        // A loss that ends in NaN/Inf has no final perplexity: the row says so and shares the loss
        // row's `problem`, rather than presenting the last finite value as the final one.
        let endsNonFinite = source.values.last.map { !$0.isFinite } ?? false
        let observed = endsNonFinite
            ? "exp(\(which) loss): best \(Format.number(exp(best))), last finite \(Format.number(exp(last))), then the loss ends non-finite"
            : "exp(\(which) loss): final \(Format.number(exp(last))), best \(Format.number(exp(best)))"
        return HealthRow(metric: "Perplexity", series: source.name, measures: measures, healthyRange: healthy,
                         observed: observed, status: endsNonFinite ? .problem : status(of: [source.name], findings))
    }

    static func isPerplexityName(_ name: String) -> Bool {
        let n = name.lowercased()
        return n.contains("perplexity") || n.hasSuffix("/ppl") || n.hasSuffix("_ppl")
    }

    /// The training loss as `lossFigures` says it, but ending at the final training loss fact (the last
    /// real value), with the note that says why it is not the last logged value.
    static func trainLossFigures(_ series: Series, facts: RunFacts) -> String {
        guard let final = facts.finalTrainLoss, let first = series.summary.first else { return lossFigures(series) }
        let s = series.summary
        var text = "\(Format.number(first)) → \(Format.number(final.value)) (final, step \(final.step))"
        if let min = s.min, let step = s.minStep { text += ", min \(Format.number(min)) @ \(step)" }
        if s.nonFinite > 0 { text += ", \(Format.count(s.nonFinite, "non-finite value"))" }
        if let note = final.note { text += "; \(note)" }
        return text
    }

    /// "2.31 -> 1.12 (min 1.08 @ 1800)", plus the count of non-finite values when there are any.
    static func lossFigures(_ series: Series) -> String {
        let s = series.summary
        var text: String
        if let first = s.first, let last = s.last {
            text = "\(Format.number(first)) → \(Format.number(last))"
        } else {
            text = "\(s.count) points"
        }
        if let min = s.min, let step = s.minStep { text += " (min \(Format.number(min)) @ \(step))" }
        if s.nonFinite > 0 { text += ", \(Format.count(s.nonFinite, "non-finite value"))" }
        return text
    }

    /// "0.34 -> 0.27 (max 0.64 @ 52)": a reward's start, end and best.
    static func rewardFigures(_ series: Series) -> String {
        let s = series.summary
        var text = s.first.flatMap { first in s.last.map { "\(Format.number(first)) → \(Format.number($0))" } } ?? "\(s.count) points"
        if let max = s.max, let step = s.maxStep { text += " (max \(Format.number(max)) @ \(step))" }
        if s.nonFinite > 0 { text += ", \(Format.count(s.nonFinite, "non-finite value"))" }
        return text
    }

    /// "median 0.62, max 3.1 @ 430".
    static func spreadFigures(_ series: Series) -> String {
        let s = series.summary
        let points = FinitePoints(series)
        var text = points.isEmpty ? "no finite values" : "median \(Format.number(Stats.median(points.values)))"
        if let max = s.max, let step = s.maxStep { text += ", max \(Format.number(max)) @ \(step)" }
        if s.nonFinite > 0 { text += ", \(Format.count(s.nonFinite, "non-finite value"))" }
        return text
    }

    static func gpuFigures(_ series: Series) -> String {
        let points = FinitePoints(series)
        guard !points.isEmpty else { return "no finite values" }
        let scale = GPUUtilization.percentScale(points.values)
        return "median \(Format.number(Stats.median(points.values) * scale))%, min \(Format.number((points.values.min() ?? 0) * scale))%"
    }

    static func throughputFigures(_ series: Series) -> String {
        let unit: String
        switch series.role {
        case .tokensPerSecond: unit = " tokens/s"
        case .samplesPerSecond: unit = " samples/s"
        case .stepsPerSecond: unit = " steps/s"
        default: unit = ""
        }
        let points = FinitePoints(series)
        guard !points.isEmpty else { return "no finite values" }
        return "median \(Format.compact(Stats.median(points.values)))\(unit), min \(Format.compact(points.values.min() ?? 0))\(unit)"
    }
}
