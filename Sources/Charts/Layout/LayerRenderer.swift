/// Turns layers into primitives for one plot: `primitives(for:)` for what is clipped to the plot,
/// `overlays(for:)` for what sits on its edges (non-finite markers, labels).
struct LayerRenderer {
    let map: PlotMapping
    let measurer: TextMeasurer
    let density: Double
    /// How off-scale labels write large values: the y axis's notation.
    var notation: NumberNotation = .si

    func primitives(for layers: [Layer]) -> [Primitive] {
        var out: [Primitive] = []
        var bandIndex = 0
        let bandLabelTop = map.plot.y + 12 + (hasOffScaleAbove(layers) ? measurer.lineHeight(size: Theme.annotationSize) : 0)
        for layer in layers {
            switch layer {
            case let .line(xs, ys, style):
                out += line(xs: xs, ys: ys, style: style)
            case let .points(xs, ys, shape, size, color, opacity):
                let pts = xs.indices.compactMap { i -> Point? in
                    map.hasPosition(y: ys[i]) && xs[i].isFinite ? Point(x: map.px(xs[i]), y: map.py(ys[i])) : nil
                }
                if !pts.isEmpty {
                    out.append(.markers(pts, shape: shape, size: size, fill: color, opacity: opacity, stroke: nil))
                }
            case let .band(x0, x1, color, opacity, label):
                var a = map.px(x0), b = map.px(x1)
                if b - a < 2 {
                    let mid = (a + b) / 2
                    a = mid - 1
                    b = mid + 1
                }
                let r = Rect(x: a, y: map.plot.y, width: b - a, height: map.plot.height)
                out.append(.rect(r, fill: color, opacity: opacity, stroke: nil))
                if let label {
                    let row = Double(bandIndex % 3)
                    let y = bandLabelTop + row * measurer.lineHeight(size: Theme.annotationSize)
                    // From the band's left edge; a long label on a band at the right end ends at the
                    // plot's right edge instead (anchored there, so a browser's slightly wider font
                    // grows it leftwards, not off the plot), but never starts left of the plot.
                    let width = measurer.width(of: label, size: Theme.annotationSize, weight: .regular)
                    let start = max(a, map.plot.x) + 3
                    let anchorEnd = start + width > map.plot.maxX - 3 && map.plot.maxX - 3 - width >= map.plot.x + 3
                    let x = anchorEnd ? map.plot.maxX - 3 : min(start, max(map.plot.x + 3, map.plot.maxX - 3 - width))
                    out.append(.text(label, at: Point(x: x, y: y),
                                     style: TextStyle(size: Theme.annotationSize, color: color, anchor: anchorEnd ? .end : .start,
                                                      baseline: .top)))
                    bandIndex += 1
                }
            case let .horizontalRule(y, style, _):
                guard map.hasPosition(y: y) else { continue }
                let py = map.py(y)
                out.append(.polyline([Point(x: map.plot.x, y: py), Point(x: map.plot.maxX, y: py)], style))
            case let .verticalRule(x, style, _):
                let px = map.px(x)
                out.append(.polyline([Point(x: px, y: map.plot.y), Point(x: px, y: map.plot.maxY)], style))
            case .edgeMarkers, .annotation, .offScale:
                break
            }
        }
        return out
    }

    func overlays(for layers: [Layer]) -> [Primitive] {
        var out: [Primitive] = []
        let plot = map.plot
        for layer in layers {
            switch layer {
            case let .edgeMarkers(xs, color):
                var seen = Set<Int>()
                var pts: [Point] = []
                for x in xs where x.isFinite {
                    let px = map.px(x)
                    guard px >= plot.x - 0.5, px <= plot.maxX + 0.5, seen.insert(Int((px * density).rounded())).inserted
                    else { continue }
                    pts.append(Point(x: px, y: plot.y + 4))
                }
                if !pts.isEmpty {
                    out.append(.markers(pts, shape: .triangleUp, size: 7, fill: color, opacity: 1, stroke: nil))
                }
            case let .annotation(x, y, text, color, shape, above):
                guard map.hasPosition(y: y) else { continue }
                let p = Point(x: map.px(x), y: map.py(y))
                guard p.x >= plot.x - 1, p.x <= plot.maxX + 1, p.y >= plot.y - 1, p.y <= plot.maxY + 1 else { continue }
                out.append(.markers([p], shape: shape, size: 8, fill: color, opacity: 1,
                                    stroke: StrokeStyle(color: .white, width: 1)))
                out += annotationText(text, near: p, color: color, above: above)
            case let .horizontalRule(y, style, label):
                guard let label, map.hasPosition(y: y) else { continue }
                let py = map.py(y)
                guard py >= plot.y, py <= plot.maxY else { continue }
                out.append(.text(label, at: Point(x: plot.maxX - 3, y: py - 2),
                                 style: TextStyle(size: Theme.annotationSize, color: style.color, anchor: .end,
                                                  baseline: .bottom)))
            case let .verticalRule(x, style, label):
                guard let label else { continue }
                let px = map.px(x)
                guard px >= plot.x, px <= plot.maxX else { continue }
                let width = measurer.width(of: label, size: Theme.annotationSize, weight: .regular)
                let fitsRight = px + 3 + width <= plot.maxX
                out.append(.text(label, at: Point(x: fitsRight ? px + 3 : px - 3, y: plot.maxY - 4),
                                 style: TextStyle(size: Theme.annotationSize, color: style.color,
                                                  anchor: fitsRight ? .start : .end, baseline: .bottom)))
            case let .offScale(xs, ys, color):
                out += offScale(xs: xs, ys: ys, color: color)
            case .line, .points, .band:
                break
            }
        }
        return out
    }

    /// Labels at most this many off-scale values per panel (the most extreme ones); the rest get
    /// a marker only.
    static let offScaleLabelLimit = 3
    /// Off-scale labels sit this far inside the edge, just past their markers.
    static let offScaleLabelInset = 10.0

    /// Whether some off-scale value lies above the y domain (band labels then move down a row).
    func hasOffScaleAbove(_ layers: [Layer]) -> Bool {
        layers.contains { layer in
            guard case let .offScale(xs, ys, _) = layer else { return false }
            return ys.indices.contains { ys[$0].isFinite && xs[$0].isFinite && map.hasPosition(y: ys[$0]) && map.y.normalize(ys[$0]) > 1 + 1e-9 }
        }
    }

    /// Markers on the top (or bottom) edge for values beyond the y domain, one per few points of
    /// width (the most extreme wins), the most extreme labelled with their value.
    func offScale(xs: [Double], ys: [Double], color: Color) -> [Primitive] {
        let plot = map.plot
        // (column, above) -> index of the most extreme value there.
        var columns: [Int: Int] = [:]
        var order: [Int] = []
        // A value with no place on the axis at all (zero on a log axis) is not off its scale.
        for i in ys.indices where ys[i].isFinite && xs[i].isFinite && map.hasPosition(y: ys[i]) {
            let t = map.y.normalize(ys[i])
            guard t > 1 + 1e-9 || t < -1e-9 else { continue }
            let px = map.px(xs[i])
            guard px >= plot.x - 0.5, px <= plot.maxX + 0.5 else { continue }
            let key = Int((px / 6).rounded()) * (t > 1 ? 1 : -1)
            if let j = columns[key] {
                if abs(ys[i]) > abs(ys[j]) { columns[key] = i }
            } else {
                columns[key] = i
                order.append(key)
            }
        }
        guard !columns.isEmpty else { return [] }
        let chosen = order.compactMap { columns[$0] }
        var above: [Point] = [], below: [Point] = []
        for i in chosen {
            let top = map.y.normalize(ys[i]) > 1
            let p = Point(x: map.px(xs[i]), y: top ? plot.y + 4 : plot.maxY - 4)
            if top { above.append(p) } else { below.append(p) }
        }
        var out: [Primitive] = []
        let ring = StrokeStyle(color: .white, width: 1)
        if !above.isEmpty { out.append(.markers(above, shape: .triangleUp, size: 8, fill: color, opacity: 1, stroke: ring)) }
        if !below.isEmpty { out.append(.markers(below, shape: .triangleDown, size: 8, fill: color, opacity: 1, stroke: ring)) }
        // The most extreme first, so it always gets its label; the others only where there is room.
        var taken: [(lower: Double, upper: Double, top: Bool)] = []
        let height = measurer.lineHeight(size: Theme.annotationSize)
        for i in chosen.sorted(by: { abs(ys[$0]) > abs(ys[$1]) }).prefix(Self.offScaleLabelLimit) {
            let top = map.y.normalize(ys[i]) > 1
            let text = "off scale: " + TickFormatter.format(ys[i], notation: notation)
            let width = measurer.width(of: text, size: Theme.annotationSize, weight: .bold)
            let px = map.px(xs[i])
            let free = { (a: Double) in
                a >= plot.x && a + width <= plot.maxX
                    && !taken.contains { $0.top == top && a < $0.upper + 4 && a + width > $0.lower - 4 }
            }
            guard let a = [px - width / 2, px + 2, px - 2 - width].first(where: free) else { continue }
            taken.append((a, a + width, top))
            let y = top ? plot.y + Self.offScaleLabelInset : plot.maxY - Self.offScaleLabelInset
            out.append(.rect(Rect(x: a - 2, y: top ? y : y - height, width: width + 4, height: height), fill: .white,
                             opacity: 0.8, stroke: nil))
            out.append(.text(text, at: Point(x: a, y: y),
                             style: TextStyle(size: Theme.annotationSize, weight: .bold, color: color, anchor: .start,
                                              baseline: top ? .top : .bottom)))
        }
        return out
    }

    /// The label of an annotation on a faint white backing (so lines under it do not garble it):
    /// on the side the layer asks for unless there is no room there, starting at the point and
    /// running away from the nearer side edge.
    func annotationText(_ text: String, near p: Point, color: Color, above: Bool) -> [Primitive] {
        let plot = map.plot
        let width = measurer.width(of: text, size: Theme.annotationSize, weight: .bold)
        let height = measurer.lineHeight(size: Theme.annotationSize)
        let right = p.x + 7 + width <= plot.maxX && (p.x - plot.x < plot.width * 0.6 || p.x - 7 - width < plot.x)
        let below = above ? p.y - 6 - height < plot.y : p.y + 6 + height <= plot.maxY
        let at = Point(x: right ? p.x + 7 : p.x - 7, y: below ? p.y + 6 : p.y - 6)
        let backing = Rect(x: (right ? at.x : at.x - width) - 2, y: below ? at.y : at.y - height, width: width + 4,
                           height: height)
        return [
            .rect(backing, fill: .white, opacity: 0.8, stroke: nil),
            .text(text, at: at, style: TextStyle(size: Theme.annotationSize, weight: .bold, color: color,
                                                 anchor: right ? .start : .end, baseline: below ? .top : .bottom)),
        ]
    }

    /// A line broken at points with no position, downsampled to the plot's device pixels; drawn as
    /// its per-column min-max band when it has many points per column (see `ColumnEnvelope`).
    func line(xs: [Double], ys: [Double], style: StrokeStyle) -> [Primitive] {
        let (lo, hi) = visibleRange(xs)
        guard lo < hi else { return [] }
        let whole = lo == 0 && hi == xs.count
        let sx = whole ? xs : Array(xs[lo..<hi]), sy = whole ? ys : Array(ys[lo..<hi])
        let columns = max(1, Int(map.plot.width * density))
        if sx.count > columns * Self.envelopeDensity, map.y is LinearScale {
            return envelope(xs: sx, ys: sy, columns: columns, style: style)
        }
        let keep = Downsampler.indices(xs: sx, ys: sy, xLower: map.x.invert(0), xUpper: map.x.invert(1), columns: columns)
        var out: [Primitive] = []
        var run: [Point] = []
        func flush() {
            if run.count == 1 {
                out.append(.markers(run, shape: .circle, size: max(2, style.width * 2), fill: style.color,
                                    opacity: style.opacity, stroke: nil))
            } else if run.count > 1 {
                out.append(.polyline(CollinearPoints.removed(from: run, tolerance: Self.collinearTolerance), style))
            }
            run = []
        }
        for i in keep {
            guard map.hasPosition(y: sy[i]), sx[i].isFinite else {
                flush()
                continue
            }
            run.append(Point(x: map.px(sx[i]), y: map.py(sy[i])))
        }
        flush()
        return out
    }

    /// How far (pt) a point may lie from the line drawn without it and still be left out
    /// (`CollinearPoints`): far below a device pixel in every output.
    static let collinearTolerance = 0.01

    /// Points per column above which a line is drawn as its min-max band.
    static let envelopeDensity = 8

    /// Filled polygons over runs of columns with finite values, at least a line width tall.
    func envelope(xs: [Double], ys: [Double], columns: Int, style: StrokeStyle) -> [Primitive] {
        let xLower = map.x.invert(0), xUpper = map.x.invert(1)
        let env = ColumnEnvelope(xs: xs, ys: ys, xLower: min(xLower, xUpper), xUpper: max(xLower, xUpper), columns: columns)
        let half = style.width / 2
        var out: [Primitive] = []
        var top: [Point] = [], bottom: [Point] = []
        func flush() {
            if top.count == 1, let t = top.first, let b = bottom.first {
                top.append(Point(x: t.x + 1 / density, y: t.y))
                bottom.append(Point(x: b.x + 1 / density, y: b.y))
            }
            if !top.isEmpty { out.append(.area(top + bottom.reversed(), fill: style.color, opacity: style.opacity)) }
            top = []
            bottom = []
        }
        var previous = Int.min
        for column in env.columns {
            guard let lower = column.lower, let upper = column.upper, !column.hasNonFinite,
                  column.index == previous + 1 || top.isEmpty else {
                flush()
                previous = column.index
                continue
            }
            let x = map.plot.x + (Double(column.index) + 0.5) / density
            var yTop = map.py(upper), yBottom = map.py(lower)
            if yBottom - yTop < style.width {
                let mid = (yTop + yBottom) / 2
                yTop = mid - half
                yBottom = mid + half
            }
            top.append(Point(x: x, y: yTop))
            bottom.append(Point(x: x, y: yBottom))
            previous = column.index
        }
        flush()
        return out
    }

    /// Indices `[lo, hi)` of the points inside the x domain plus one neighbour on each side.
    func visibleRange(_ xs: [Double]) -> (Int, Int) {
        let a = min(map.x.invert(0), map.x.invert(1)), b = max(map.x.invert(0), map.x.invert(1))
        var lo = 0, hi = xs.count
        while lo < xs.count && xs[lo] < a { lo += 1 }
        while hi > lo && xs[hi - 1] > b { hi -= 1 }
        return (max(0, lo - 1), min(xs.count, hi + 1))
    }
}
