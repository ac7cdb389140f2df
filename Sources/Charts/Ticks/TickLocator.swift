import Foundation

/// Where ticks go, in d3-array's manner (`ticks.js`): steps of 1, 2 or 5 x 10^k, and for steps
/// below 1 the tick is computed as an integer divided by an integer, so `0.1 * 3` never shows up
/// as `0.30000000000000004`. Tick i is `(i1 + i) * step`, never an accumulated sum.
public enum TickLocator {
    /// The integer range and increment of the ticks between `start` and `stop` (start <= stop).
    /// A negative `increment` means "divide by -increment" (steps below 1).
    public struct Spec: Sendable, Equatable {
        public var first: Int
        public var last: Int
        public var increment: Double

        /// The distance between two ticks.
        public var step: Double { increment < 0 ? 1 / -increment : increment }

        public func value(_ i: Int) -> Double {
            increment < 0 ? Double(i) / -increment : Double(i) * increment
        }
    }

    static let e10 = 50.0.squareRoot(), e5 = 10.0.squareRoot(), e2 = 2.0.squareRoot()

    public static func spec(_ start: Double, _ stop: Double, count: Double) -> Spec? {
        guard start.isFinite, stop.isFinite, count > 0, start <= stop else { return nil }
        let raw = (stop - start) / count
        guard raw > 0 else { return nil }
        let power = floor(log10(raw))
        let error = raw / pow(10, power)
        let factor: Double = error >= e10 ? 10 : error >= e5 ? 5 : error >= e2 ? 2 : 1
        var i1: Double, i2: Double, inc: Double
        if power < 0 {
            inc = pow(10, -power) / factor
            i1 = (start * inc).rounded()
            i2 = (stop * inc).rounded()
            if i1 / inc < start { i1 += 1 }
            if i2 / inc > stop { i2 -= 1 }
            inc = -inc
        } else {
            inc = pow(10, power) * factor
            i1 = (start / inc).rounded()
            i2 = (stop / inc).rounded()
            if i1 * inc < start { i1 += 1 }
            if i2 * inc > stop { i2 -= 1 }
        }
        if i2 < i1 && 0.5 <= count && count < 2 { return spec(start, stop, count: count * 2) }
        guard abs(i1) < 1e15, abs(i2) < 1e15 else { return nil }
        return Spec(first: Int(i1), last: Int(i2), increment: inc)
    }

    /// About `count` nice ticks inside [start, stop] (either order; returned in the same order).
    /// NaN or infinite ends, or `count <= 0`, give no ticks; `start == stop` gives that one value.
    public static func ticks(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 0, start.isFinite, stop.isFinite else { return [] }
        if start == stop { return [normalizedZero(start)] }
        let reverse = stop < start
        guard let s = reverse ? spec(stop, start, count: Double(count)) : spec(start, stop, count: Double(count)),
              s.last >= s.first else { return [] }
        let values = (s.first...s.last).map { normalizedZero(s.value($0)) }
        return reverse ? values.reversed() : values
    }

    /// The step `ticks(start, stop, count)` uses (positive), or nil when there are no ticks.
    public static func step(_ start: Double, _ stop: Double, count: Int) -> Double? {
        guard start != stop else { return nil }
        return spec(min(start, stop), max(start, stop), count: Double(count))?.step
    }

    /// Widens [lower, upper] outwards to the tick step, as d3's `nice()`: a y domain of
    /// 0.23...2.31 becomes 0...2.5, so the axis starts and ends on a labelled tick.
    public static func nice(_ lower: Double, _ upper: Double, count: Int) -> (lower: Double, upper: Double) {
        guard lower.isFinite, upper.isFinite, lower < upper, count > 0 else { return (lower, upper) }
        var lo = lower, hi = upper
        var previous: Double?
        for _ in 0..<10 {
            guard let s = spec(lo, hi, count: Double(count)) else { break }
            let step = s.step
            if step == previous { break }
            previous = step
            if s.increment < 0 {
                let inc = -s.increment
                lo = floor(lo * inc) / inc
                hi = ceil(hi * inc) / inc
            } else {
                lo = floor(lo / step) * step
                hi = ceil(hi / step) * step
            }
        }
        return (normalizedZero(lo), normalizedZero(hi))
    }

    /// Decade ticks (and 2, 5 between them when there are few decades) for a log axis.
    public static func logTicks(_ lower: Double, _ upper: Double, count: Int = 6) -> [Double] {
        guard lower > 0, upper > 0, lower.isFinite, upper.isFinite else { return [] }
        let lo = min(lower, upper), hi = max(lower, upper)
        let k0 = Int(floor(log10(lo))), k1 = Int(ceil(log10(hi)))
        let decades = k1 - k0
        let multipliers: [Double] = decades <= 1 ? [1, 2, 3, 5] : decades <= 3 ? [1, 2, 5] : [1]
        let stride = max(1, Int((Double(decades) / Double(max(count, 1))).rounded(.up)))
        var ticks: [Double] = []
        for k in k0...k1 where (k - k0) % stride == 0 || multipliers.count > 1 {
            for m in multipliers {
                let v = k >= 0 ? m * pow(10, Double(k)) : m / pow(10, Double(-k))
                if v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) { ticks.append(v) }
            }
        }
        return lower <= upper ? ticks : ticks.reversed()
    }

    static func normalizedZero(_ v: Double) -> Double { v == 0 ? 0 : v }
}
