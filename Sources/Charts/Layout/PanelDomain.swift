import Foundation

/// The data extent of a panel: what its axes must show before ticks and niceness.
struct PanelDomain {
    var x: (lower: Double, upper: Double)
    var y: (lower: Double, upper: Double)
    /// The range the y axis was fitted to when `offScale` values lie far beyond the rest, else nil.
    var robust: RobustRange?
    /// Whether values lie above the axis's `ceiling` (they are then drawn as off-scale markers).
    var cappedAbove = false

    /// Whether some values are left off the y axis and marked on its edge.
    var leavesValuesOut: Bool { robust != nil || cappedAbove }

    init(panel: ChartPanel) {
        var xs = Extent()
        for layer in panel.layers {
            switch layer {
            case let .line(lx, _, _), let .points(lx, _, _, _, _, _), let .edgeMarkers(lx, _), let .offScale(lx, _, _):
                for x in lx { xs.add(x) }
            case let .annotation(x, _, _, _, _, _):
                xs.add(x)
            case .band, .horizontalRule, .verticalRule:
                break
            }
        }
        var xLower = panel.x.lower ?? xs.lower ?? 0
        var xUpper = panel.x.upper ?? xs.upper ?? 1
        if xLower == xUpper {
            xLower -= 1
            xUpper += 1
        }
        x = (xLower, xUpper)

        let log = panel.y.scale == .log
        var ys = Extent(positiveOnly: log)
        var annotations: [(y: Double, above: Bool)] = []
        let inView = { (v: Double) in v >= min(xLower, xUpper) && v <= max(xLower, xUpper) }
        // Without set x bounds the view is the data's own extent: every point is in it, and the
        // per-point checks below (a million calls for a long run) can be skipped.
        let allInView = panel.x.lower == nil && panel.x.upper == nil
        var robustValues: [[Double]] = []
        for case let .offScale(lx, ly, _) in panel.layers {
            if allInView {
                robustValues.append(ly)
                continue
            }
            var visible: [Double] = []
            visible.reserveCapacity(ly.count)
            for i in ly.indices where inView(lx[i]) { visible.append(ly[i]) }
            robustValues.append(visible)
        }
        let robust = log || (panel.y.lower != nil && panel.y.upper != nil) ? nil : RobustRange(series: robustValues)
        self.robust = robust
        let ceiling = panel.y.ceiling
        var capped = false
        let fits = { (v: Double) -> Bool in
            if let ceiling, v > ceiling {
                capped = true
                return false
            }
            guard let robust else { return true }
            if v > robust.upper { return panel.y.upper != nil }
            if v < robust.lower { return panel.y.lower != nil }
            return true
        }
        for layer in panel.layers {
            switch layer {
            case let .line(lx, ly, _), let .points(lx, ly, _, _, _, _), let .offScale(lx, ly, _):
                if allInView && robust == nil && ceiling == nil {
                    for y in ly { ys.add(y) }
                } else {
                    for i in ly.indices where inView(lx[i]) && fits(ly[i]) { ys.add(ly[i]) }
                }
            case let .annotation(ax, ay, _, _, _, above):
                if inView(ax) && fits(ay) {
                    ys.add(ay)
                    annotations.append((ay, above))
                }
            case let .horizontalRule(y, _, _):
                ys.add(y)
            case .band, .verticalRule, .edgeMarkers:
                break
            }
        }
        cappedAbove = capped
        var lower = panel.y.lower ?? ys.lower ?? (log ? 0.1 : 0)
        var upper = panel.y.upper ?? ys.upper ?? (log ? 10 : 1)
        // A label needs room only when its point is near the extreme it sits beyond.
        let (lo, hi) = (lower, upper)
        let unit = { (v: Double) -> Double in
            log ? Foundation.log(v / lo) / Foundation.log(hi / lo) : (v - lo) / (hi - lo)
        }
        let roomAbove = lower < upper && annotations.contains { $0.above && unit($0.y) > 0.8 }
        let roomBelow = lower < upper && annotations.contains { !$0.above && unit($0.y) < 0.2 }
        // Room for annotation labels beyond the extreme they mark (about two label heights).
        // Near Double's limits the room would overflow to infinity (and a log lower end then to 0): none is added.
        if roomAbove, panel.y.upper == nil, lower < upper {
            let above = log ? upper * pow(upper / lower, 0.2) : upper + (upper - lower) * 0.2
            if above.isFinite { upper = above }
        }
        if roomBelow, panel.y.lower == nil, lower < upper {
            let below = log ? lower / pow(upper / lower, 0.2) : lower - (upper - lower) * 0.2
            if below.isFinite, !log || below > 0 { lower = !log && lower >= 0 ? max(0, below) : below }
        }
        if lower == upper {
            if log {
                lower /= 2
                upper *= 2
            } else {
                let pad = lower == 0 ? 1 : abs(lower) * 0.1
                lower -= pad
                upper += pad
            }
        } else if !log {
            // A little air so the extreme points do not sit on the frame when nice() leaves them there.
            let pad = (upper - lower) * 0.03
            if panel.y.lower == nil { lower = lower >= 0 ? max(0, lower - pad) : lower - pad }
            if panel.y.upper == nil { upper = upper <= 0 ? min(0, upper + pad) : upper + pad }
        }
        y = (lower, upper)
    }

    struct Extent {
        var lower: Double?
        var upper: Double?
        var positiveOnly = false

        mutating func add(_ v: Double) {
            guard v.isFinite, !positiveOnly || v > 0 else { return }
            lower = min(lower ?? v, v)
            upper = max(upper ?? v, v)
        }
    }
}
