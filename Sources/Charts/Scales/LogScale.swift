import Foundation

/// A base-10 logarithmic map from `[lower, upper]` (both > 0) to [0, 1]. Non-positive values
/// have no position: they normalise to `-infinity` and callers draw them as off-scale markers.
public struct LogScale: Scale, Equatable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        precondition(lower > 0 && upper > 0, "a log scale needs a positive domain")
        self.lower = lower
        self.upper = upper
    }

    public func normalize(_ value: Double) -> Double {
        guard value > 0 else { return -.infinity }
        let a = log10(lower), b = log10(upper)
        guard a != b else { return 0.5 }
        return (log10(value) - a) / (b - a)
    }

    public func invert(_ t: Double) -> Double {
        let a = log10(lower), b = log10(upper)
        return pow(10, a + t * (b - a))
    }
}
