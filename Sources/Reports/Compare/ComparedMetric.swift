import RunModel

/// An evaluation metric of one compared run: its best value (in its direction) and its last.
public struct ComparedMetric: Sendable, Equatable {
    /// Canonical name, e.g. `eval/loss`, `eval/accuracy`.
    public var name: String
    /// Whether larger is better; nil when the name does not say (such a metric cannot pick a winner).
    public var higherIsBetter: Bool?
    /// Best finite value; nil when every value is non-finite.
    public var best: StepValue?
    /// The last point, finite or not.
    public var final: StepValue?

    public init(name: String, higherIsBetter: Bool?, best: StepValue?, final: StepValue?) {
        self.name = name
        self.higherIsBetter = higherIsBetter
        self.best = best
        self.final = final
    }

    /// The metric as `series` logs it; loss is lower-is-better.
    public init(_ series: Series) {
        let direction: Bool?
        switch series.role {
        case .evalMetric(let higher): direction = higher
        default: direction = false
        }
        let summary = series.summary
        let best: StepValue?
        if direction == true {
            best = summary.max.flatMap { v in summary.maxStep.map { StepValue(v, at: $0) } }
        } else {
            best = summary.min.flatMap { v in summary.minStep.map { StepValue(v, at: $0) } }
        }
        self.init(name: series.name, higherIsBetter: direction, best: best,
                  final: summary.last.flatMap { v in summary.lastStep.map { StepValue(v, at: $0) } })
    }

    /// `accuracy` for `eval/accuracy`.
    public var shortName: String { name.hasPrefix("eval/") ? String(name.dropFirst(5)) : name }
}
