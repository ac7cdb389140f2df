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
        // Stacked labels want a line and a half between them; a short axis that would otherwise get
        // fewer than `minimumTicks` labels accepts a little less (they still do not touch).
        let fits = { (labels: [String]) -> Bool in
            guard labels.count > 1 else { return true }
            let room = length / Double(labels.count - 1)
            if !horizontal { return room >= labelHeight * (labels.count <= Self.minimumTicks + 1 ? 1.25 : 1.6) }
            let widest = labels.map { measurer.width(of: $0, size: Theme.tickLabelSize, weight: .regular) }.max() ?? 0
            return room >= widest + Theme.labelGap
        }
        if axis.scale == .log {
            var lo = lower, hi = upper
            if axis.nice {
                if axis.lower == nil { lo = Self.niceLogFloor(lower) }
                if axis.upper == nil { hi = Self.niceLogCeil(upper) }
            }
            var candidates = TickLocator.logTicks(lo, hi)
            var labels = TickFormatter.logLabels(for: candidates, notation: axis.notation)
            var count = 6
            while !fits(labels) && candidates.count > 2 && count > 1 {
                count -= 1
                candidates = Self.decades(lo, hi, maxCount: count)
                labels = TickFormatter.logLabels(for: candidates, notation: axis.notation)
            }
            if axis.nice {
                let room = { (ticks: [Double], lo: Double, hi: Double) -> Bool in
                    Self.logLabelsHaveRoom(ticks, lower: lo, upper: hi, length: length, horizontal: horizontal,
                                           notation: axis.notation, measurer: measurer)
                }
                (lo, hi, candidates) = Self.labelledLogEnds(lo, hi, ticks: candidates, fixedLower: axis.lower != nil,
                                                            fixedUpper: axis.upper != nil, room: room)
            }
            scale = LogScale(lower: lo, upper: hi)
            ticks = candidates
            self.labels = TickLabels(labels: TickFormatter.logLabels(for: candidates, notation: axis.notation))
            return
        }
        let perTick = horizontal ? 80.0 : 50.0
        let wanted = max(Self.minimumTicks, Int(length / perTick))
        // The wanted count and fewer until labels fit; then more, for an axis whose nice steps left
        // it fewer than `minimumTicks` labels (0-10 in steps of 5 for data up to 5.5).
        let counts = Array((1...wanted).reversed()) + Array((wanted + 1)...(wanted + 4))
        var chosen: (lo: Double, hi: Double, ticks: [Double], labels: TickLabels)?
        for count in counts {
            var lo = lower, hi = upper
            if axis.nice {
                let n = TickLocator.nice(lower, upper, count: count)
                lo = axis.lower ?? n.lower
                hi = axis.upper ?? n.upper
            }
            let t = TickLocator.ticks(lo, hi, count: count)
            let l = TickFormatter.labels(for: t, step: TickLocator.step(lo, hi, count: count), notation: axis.notation)
            guard fits(l.labels) || count <= 1 else { continue }
            if chosen == nil || (chosen?.ticks.count ?? 0) < Self.minimumTicks && t.count > (chosen?.ticks.count ?? 0) && fits(l.labels) {
                chosen = (lo, hi, t, l)
            }
            if (chosen?.ticks.count ?? 0) >= Self.minimumTicks { break }
        }
        let c = chosen ?? (lower, upper, [], TickLabels(labels: []))
        ticks = c.ticks
        labels = c.labels
        scale = LinearScale(lower: c.lo, upper: c.hi)
    }

    /// Labelled ticks a linear axis gets when its labels fit.
    static let minimumTicks = 4

    /// Makes a log axis end on labelled ticks, so a reader can tell where its top and bottom are: a data
    /// end that is not a tick gets its own label when there is room beside the nearest tick, else the
    /// axis widens to the next tick of its progression (the next decade, or the next 2 or 5). Fixed ends
    /// are left alone.
    static func labelledLogEnds(_ lower: Double, _ upper: Double, ticks: [Double], fixedLower: Bool, fixedUpper: Bool,
                                room: ([Double], Double, Double) -> Bool) -> (lower: Double, upper: Double, ticks: [Double]) {
        guard ticks.count >= 2 else { return (lower, upper, ticks) }
        var lo = lower, hi = upper, result = ticks
        let isTick = { (v: Double) in result.contains { abs($0 - v) <= v * 1e-9 } }
        if !fixedUpper && !isTick(hi) {
            if room(result + [hi], lo, hi) {
                result.append(hi)
            } else if let next = nextLogTick(after: result, upward: true), next.isFinite {
                hi = next
                result.append(next)
            }
        }
        if !fixedLower && !isTick(lo) {
            if room([lo] + result, lo, hi) {
                result.insert(lo, at: 0)
            } else if let next = nextLogTick(after: result, upward: false), next > 0 {
                lo = next
                result.insert(next, at: 0)
            }
        }
        return (lo, hi, result)
    }

    /// The tick one step beyond the last (or before the first) of ascending log `ticks`, continuing
    /// their progression: decades `k` apart, or 1-2-5 / 1-2-3-5 within a decade.
    static func nextLogTick(after ticks: [Double], upward: Bool) -> Double? {
        guard ticks.count >= 2 else { return nil }
        let (edge, inner) = upward ? (ticks[ticks.count - 1], ticks[ticks.count - 2]) : (ticks[0], ticks[1])
        let ratio = upward ? edge / inner : inner / edge
        let decadeRatio = pow(10, (log10(ratio)).rounded())
        if abs(log10(ratio) - log10(decadeRatio)) < 1e-9 && decadeRatio >= 10 {
            return upward ? edge * decadeRatio : edge / decadeRatio
        }
        let multipliers: [Double] = ticks.contains { mantissa($0) == 3 } ? [1, 2, 3, 5] : [1, 2, 5]
        let k = floor(log10(edge) + 1e-9)
        let values = (-1...1).flatMap { d in multipliers.map { $0 * pow(10, k + Double(d)) } }.sorted()
        return upward ? values.first { $0 > edge * (1 + 1e-9) } : values.last { $0 < edge * (1 - 1e-9) }
    }

    /// The leading digit of a 1, 2, 3 or 5 x 10^k tick.
    static func mantissa(_ v: Double) -> Double {
        (v / pow(10, floor(log10(v) + 1e-9))).rounded()
    }

    /// Whether labels at these log ticks keep apart: a line and a half of height between stacked
    /// labels, half their widths plus a gap between labels side by side.
    static func logLabelsHaveRoom(_ ticks: [Double], lower: Double, upper: Double, length: Double, horizontal: Bool,
                                  notation: NumberNotation = .si, measurer: TextMeasurer) -> Bool {
        guard lower > 0, upper > lower else { return false }
        let sorted = ticks.sorted()
        let labels = TickFormatter.logLabels(for: sorted, notation: notation)
        let scale = LogScale(lower: lower, upper: upper)
        let positions = sorted.map { scale.normalize($0) * length }
        let labelHeight = measurer.lineHeight(size: Theme.tickLabelSize)
        for i in 1..<max(1, positions.count) {
            let gap = positions[i] - positions[i - 1]
            if horizontal {
                let widths = [labels[i - 1], labels[i]].map {
                    measurer.width(of: $0, size: Theme.tickLabelSize, weight: .regular)
                }
                if gap < (widths[0] + widths[1]) / 2 + Theme.labelGap { return false }
            } else if gap < labelHeight * 1.2 {
                return false
            }
        }
        return true
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
        guard base > 0 else { return v }  // 10^-324 underflows: a denormal end stays as it is
        for m in [5.0, 2, 1] where m * base <= v * (1 + 1e-12) { return m * base }
        return base
    }

    /// The smallest 1, 2 or 5 x 10^k at or above `v`.
    static func niceLogCeil(_ v: Double) -> Double {
        let k = floor(log10(v))
        let base = pow(10, k)
        for m in [1.0, 2, 5, 10] where m * base >= v * (1 - 1e-12) { return (m * base).isFinite ? m * base : v }
        return (10 * base).isFinite ? 10 * base : v
    }
}
