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
