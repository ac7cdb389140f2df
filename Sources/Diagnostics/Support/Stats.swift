import Foundation

/// Small robust statistics over finite values (callers filter NaN/Inf first).
enum Stats {
    static func median(_ xs: [Double]) -> Double {
        quantile(xs, 0.5)
    }

    /// Linear-interpolated quantile, `p` in [0, 1]; NaN for an empty input.
    static func quantile(_ xs: [Double], _ p: Double) -> Double {
        guard !xs.isEmpty else { return .nan }
        let sorted = xs.sorted()
        let position = p * Double(sorted.count - 1)
        let lo = Int(position.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        let fraction = position - Double(lo)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * fraction
    }

    /// Median absolute deviation from `center`.
    static func mad(_ xs: [Double], center: Double) -> Double {
        median(xs.map { abs($0 - center) })
    }

    static func mean(_ xs: [Double]) -> Double {
        xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count)
    }

    /// Least-squares slope of `ys` against `xs`; nil when `xs` has no spread.
    static func slope(_ xs: [Double], _ ys: [Double]) -> Double? {
        guard xs.count == ys.count, xs.count >= 2 else { return nil }
        let mx = mean(xs), my = mean(ys)
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
        }
        return sxx > 0 ? sxy / sxx : nil
    }

    /// Share of the variance of `ys` a straight line through `(xs, ys)` explains (R², 0...1); nil
    /// when either has no spread.
    static func linearFit(_ xs: [Double], _ ys: [Double]) -> Double? {
        guard xs.count == ys.count, xs.count >= 3 else { return nil }
        let mx = mean(xs), my = mean(ys)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
            syy += (y - my) * (y - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy * sxy / (sxx * syy)
    }
}
