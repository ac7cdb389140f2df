import RunModel

/// Helpers shared by the chart builders: x/y arrays, non-finite positions, faint abandoned segments.
enum SeriesPlot {
    /// The x positions of the non-finite values of `series`.
    static func nonFiniteXs(_ series: Series, mapper: XAxisMapper) -> [Double] {
        series.values.indices.compactMap { series.values[$0].isFinite ? nil : mapper.x(series.steps[$0]) }
    }

    /// Superseded points (from restarts) of the series named `name`, as faint dashed lines.
    static func abandoned(_ run: Run, name: String, mapper: XAxisMapper, transform: (Double) -> Double = { $0 }) -> [Layer] {
        guard let old = run.abandoned.first(where: { $0.name == name }), !old.isEmpty else { return [] }
        return [.line(xs: mapper.xs(old), ys: old.values.map(transform), style: abandonedStyle)]
    }

    /// The `offScale` layer of `series`: its values drawn at the plot edge when they lie far
    /// beyond the rest (the axis is then fitted to the rest). Pass the x positions when the caller
    /// already has them: the arrays are then shared with its line, not copied.
    static func offScale(_ series: Series, xs: [Double]? = nil, mapper: XAxisMapper, color: Color) -> Layer {
        .offScale(xs: xs ?? mapper.xs(series), ys: series.values, color: color)
    }

    /// A clause for the chart's description naming the values left off the axis, or nil when every
    /// value fits: "1 value far off the scale, drawn at the plot edge (the most extreme 4.47e12 at step 230)".
    static func offScaleClause(_ series: [Series], notation: NumberNotation = .si) -> String? {
        guard let range = RobustRange(series: series.map(\.values)) else { return nil }
        var far: [(step: Int, value: Double)] = []
        for s in series {
            for i in s.values.indices where s.values[i].isFinite && (s.values[i] > range.upper || s.values[i] < range.lower) {
                far.append((s.steps[i], s.values[i]))
            }
        }
        guard let worst = far.max(by: { abs($0.value) < abs($1.value) }) else { return nil }
        let count = far.count == 1 ? "1 value" : "\(far.count) values"
        let value = TickFormatter.format(worst.value, notation: notation)
        return "\(count) far off the scale, drawn at the plot edge (the most extreme \(value) at step \(worst.step))"
    }

    /// A loss, norm, learning rate or metric value as text, in the notation of its axis: `2.31`, `2e-5`,
    /// `4.47e12` (not `4.466T`: these are not counts).
    static func metricText(_ value: Double) -> String {
        TickFormatter.format(value, notation: .scientific)
    }

    /// The values an axis is fitted to: all of them, or those inside their `RobustRange`.
    static func inliers(_ values: [Double]) -> [Double] {
        guard let range = RobustRange(values) else { return values }
        return values.filter { !$0.isFinite || ($0 >= range.lower && $0 <= range.upper) }
    }

    /// `series` as data for the explorable chart (`PanelSeries`), with `xs` shared with its line.
    static func data(_ series: Series, name: String, color: Color, xs: [Double], ys: [Double]? = nil, smoothing: Double? = nil,
                     trouble: TroublePlot? = nil, markers: Bool = false, dashed: Bool = false) -> PanelSeries {
        PanelSeries(name: name, color: color, xs: xs, steps: series.steps, ys: ys ?? series.values, smoothing: smoothing,
                    smoothingGaps: trouble?.bandXs ?? [], markers: markers, dashed: dashed)
    }

    static let abandonedStyle = StrokeStyle(color: Palette.mutedInk, width: 1, opacity: 0.45, dash: [3, 2])

    static let abandonedLegend = LegendEntry(label: "superseded by a restart", swatch: .line(abandonedStyle))

    static let nonFiniteLegend = LegendEntry(label: "NaN / Inf (at top edge)", swatch: .marker(.triangleUp, Palette.alert))

    /// Whether positive values span at least `decades` powers of ten (a log axis reads better).
    static func spansDecades(_ values: [Double], _ decades: Double) -> Bool {
        var lo = Double.infinity, hi = 0.0
        for v in values where v.isFinite {
            guard v > 0 else { return false }
            lo = min(lo, v)
            hi = max(hi, v)
        }
        guard hi > 0, lo.isFinite else { return false }
        return hi / lo >= pow10(decades)
    }

    private static func pow10(_ d: Double) -> Double {
        var r = 1.0
        for _ in 0..<Int(d) { r *= 10 }
        return r
    }

    /// Index of the best finite value (lowest, or highest when `higherIsBetter`); first wins ties.
    static func bestIndex(_ values: [Double], higherIsBetter: Bool) -> Int? {
        var best: Int?
        for i in values.indices where values[i].isFinite {
            guard let b = best else {
                best = i
                continue
            }
            if higherIsBetter ? values[i] > values[b] : values[i] < values[b] { best = i }
        }
        return best
    }
}
