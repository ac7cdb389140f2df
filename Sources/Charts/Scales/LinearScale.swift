/// A linear map from `[lower, upper]` to [0, 1]. A degenerate domain (equal ends) maps every value to 0.5.
public struct LinearScale: Scale, Equatable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    public func normalize(_ value: Double) -> Double {
        let span = upper - lower
        guard span != 0, span.isFinite else { return 0.5 }
        return (value - lower) / span
    }

    public func invert(_ t: Double) -> Double {
        let span = upper - lower
        guard span != 0, span.isFinite else { return lower }
        return lower + t * span
    }
}
