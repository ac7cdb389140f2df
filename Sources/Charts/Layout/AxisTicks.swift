import Foundation

/// The scale, ticks and labels of one axis at a given length, chosen so labels never overlap.
struct AxisTicks {
    var scale: any Scale
    var ticks: [Double]
    var labels: TickLabels

    /// - Parameters:
    ///   - horizontal: whether labels sit side by side (x) or stacked (y).
    init(axis: Axis, lower: Double, upper: Double, length: Double, horizontal: Bool, measurer: TextMeasurer) {
        let labelHeight = measurer.lineHeight(size: Theme.tickLabelSize)
        let fits = { (labels: [String]) -> Bool in
            guard labels.count > 1 else { return true }
            let room = length / Double(labels.count - 1)
            if !horizontal { return room >= labelHeight * 1.6 }
            let widest = labels.map { measurer.width(of: $0, size: Theme.tickLabelSize, weight: .regular) }.max() ?? 0
            return room >= widest + Theme.labelGap
        }
        if axis.scale == .log {
            var lo = lower, hi = upper
            if axis.nice {
                if axis.lower == nil { lo = Self.niceLogFloor(lower) }
                if axis.upper == nil { hi = Self.niceLogCeil(upper) }
            }
            scale = LogScale(lower: lo, upper: hi)
            var candidates = TickLocator.logTicks(lo, hi)
            var labels = TickFormatter.logLabels(for: candidates)
            var count = 6
            while !fits(labels) && candidates.count > 2 && count > 1 {
                count -= 1
                candidates = Self.decades(lo, hi, maxCount: count)
                labels = TickFormatter.logLabels(for: candidates)
            }
            ticks = candidates
            self.labels = TickLabels(labels: labels)
            return
        }
        let perTick = horizontal ? 80.0 : 50.0
        var count = max(2, Int(length / perTick))
        var lo = lower, hi = upper
        while true {
            if axis.nice {
                let n = TickLocator.nice(lower, upper, count: count)
                lo = axis.lower ?? n.lower
                hi = axis.upper ?? n.upper
            }
            let t = TickLocator.ticks(lo, hi, count: count)
            let l = TickFormatter.labels(for: t, step: TickLocator.step(lo, hi, count: count))
            if fits(l.labels) || count <= 1 {
                ticks = t
                labels = l
                break
            }
            count -= 1
        }
        scale = LinearScale(lower: lo, upper: hi)
    }

    /// Decade ticks only, every k-th decade so there are at most `maxCount`.
    static func decades(_ lo: Double, _ hi: Double, maxCount: Int) -> [Double] {
        let k0 = Int(ceil(log10(lo) - 1e-9)), k1 = Int(floor(log10(hi) + 1e-9))
        guard k1 >= k0 else { return [] }
        let stride = max(1, Int(ceil(Double(k1 - k0 + 1) / Double(max(maxCount, 1)))))
        return Swift.stride(from: k0, through: k1, by: stride).map { k in
            k >= 0 ? pow(10, Double(k)) : 1 / pow(10, Double(-k))
        }
    }

    /// The largest 1, 2 or 5 x 10^k at or below `v`.
    static func niceLogFloor(_ v: Double) -> Double {
        let k = floor(log10(v))
        let base = pow(10, k)
        for m in [5.0, 2, 1] where m * base <= v * (1 + 1e-12) { return m * base }
        return base
    }

    /// The smallest 1, 2 or 5 x 10^k at or above `v`.
    static func niceLogCeil(_ v: Double) -> Double {
        let k = floor(log10(v))
        let base = pow(10, k)
        for m in [1.0, 2, 5, 10] where m * base >= v * (1 - 1e-12) { return m * base }
        return 10 * base
    }
}
