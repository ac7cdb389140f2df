import Diagnostics
import RunModel

/// How a series' trouble (see `SeriesTrouble`) is drawn: one shaded, labelled band per stretch of
/// NaN/Inf or divergence ("diverged: 2.2e12 at step 230; NaN from step 235 to the end"), NaN/Inf
/// markers only for isolated values, and the values the y axis should fit. The off-scale values
/// themselves are drawn by the chart's `offScale` layer as labelled markers on the top edge.
struct TroublePlot {
    let series: Series
    let trouble: SeriesTrouble
    /// Names the series in labels when several runs share a chart, else nil.
    let who: String?
    /// The bands, to be drawn under the lines.
    var layers: [Layer] = []
    /// x positions of non-finite values outside the bands (drawn as single edge markers).
    var isolatedNonFinite: [Double] = []
    /// The x ranges of the bands (the smoothed line leaves their points out).
    var bandXs: [ClosedRange<Double>] = []

    static let bandColor = Palette.alert
    static let bandOpacity = 0.13
    static let legend = LegendEntry(label: "diverged / NaN (shaded)", swatch: .band(bandColor, opacity: bandOpacity))

    /// - Parameters:
    ///   - who: names the series in labels when several runs share a chart (a comparison), else nil.
    init(_ series: Series, mapper: XAxisMapper, who: String? = nil) {
        self.series = series
        self.who = who
        trouble = SeriesTrouble(series.values)
        let bands = trouble.bands
        for b in bands {
            let x0 = mapper.x(series.steps[b.first]), x1 = mapper.x(series.steps[b.last])
            bandXs.append(min(x0, x1)...max(x0, x1))
            layers.append(.band(x0: x0, x1: x1, color: Self.bandColor, opacity: Self.bandOpacity, label: named(Self.label(b, series: series))))
        }
        for i in series.values.indices where !series.values[i].isFinite {
            if !bands.contains(where: { $0.first <= i && i <= $0.last }) { isolatedNonFinite.append(mapper.x(series.steps[i])) }
        }
    }

    /// The step ranges of the bands.
    var bandSteps: [ClosedRange<Int>] {
        trouble.bands.map { series.steps[$0.first]...series.steps[$0.last] }
    }

    /// Ids of the findings whose step range overlaps a band of `plots`: the band already shades and
    /// labels that stretch (loss-nonfinite, the spike or explosion that started a divergence), so
    /// the finding is not marked a second time.
    static func coveredFindings(_ findings: [Finding], by plots: [TroublePlot]) -> Set<String> {
        let shaded = plots.flatMap(\.bandSteps)
        return Set(findings.filter { f in f.steps.map { r in shaded.contains { $0.overlaps(r) } } ?? false }.map(\.id))
    }

    /// Drops the bands that lie inside a band of `other` (eval NaNs inside the training loss's
    /// divergence): one region, one label. The description still names them.
    mutating func dropBands(inside other: TroublePlot) {
        let outer = other.bandSteps
        layers = zip(layers, bandSteps).filter { _, r in
            !outer.contains { $0.lowerBound <= r.lowerBound && r.upperBound <= $0.upperBound }
        }.map(\.0)
    }

    /// `text` prefixed with the series' name when it has one ("run-b train diverged: ...").
    func named(_ text: String) -> String {
        who.map { "\($0) \(text)" } ?? text
    }

    /// What a band says happened: "diverged: 2.2e12 at step 230; NaN from step 235 to the end".
    static func label(_ b: SeriesTrouble.Stretch, series: Series) -> String {
        var parts: [String] = []
        if let peak = b.peak {
            let value = SeriesPlot.metricText(series.values[peak])
            parts.append(b.toEnd ? "diverged: \(value) at step \(series.steps[peak])"
                : "off scale to \(value) at step \(series.steps[peak]), recovered after step \(series.steps[b.last])")
        }
        if let first = b.firstNonFinite, let last = b.lastNonFinite {
            let kind = b.hasNaN && b.hasInf ? "NaN/Inf" : b.hasInf ? "Inf" : "NaN"
            let end = b.toEnd && last == b.last ? "to the end" : "to step \(series.steps[last])"
            parts.append("\(kind) from step \(series.steps[first]) \(end)")
        }
        return parts.joined(separator: "; ")
    }

    /// The values a smoothed line averages: without the bands' bad points.
    var smoothingInput: [Double] { trouble.masked(series.values) }

    /// The highest value this series wants on the axis: its ceiling when something lies above it
    /// (with the steep start left off, or only a divergence when `keepTransient`), else its largest
    /// finite value (nil when it has none).
    func top(keepTransient: Bool) -> Double? {
        (keepTransient ? trouble.divergenceCeiling : trouble.ceiling) ?? series.finiteValues.max()
    }

    /// The values a log-or-linear decision looks at: all but those of a divergence.
    var fittedValues: [Double] {
        guard let c = trouble.divergenceCeiling else { return series.values }
        return series.values.filter { $0.isFinite && $0 <= c }
    }

    /// The ceiling of a panel showing `plots`: the highest value any of them wants on the axis, when
    /// some value of one of them lies above it; else nil (nothing is left off). A log axis keeps
    /// steep starts (`keepTransient`): it has room for them.
    static func ceiling(_ plots: [TroublePlot], keepTransient: Bool = false) -> Double? {
        let top = plots.compactMap { $0.top(keepTransient: keepTransient) }.max()
        let highest = plots.compactMap { $0.series.finiteValues.max() }.max()
        guard let top, let highest, highest > top else { return nil }
        return top
    }

    /// Clauses for the chart's description: what the bands say, and the transient left off the axis.
    func clauses(ceiling: Double?) -> [String] {
        var out = trouble.bands.map { named(Self.label($0, series: series)) + " (shaded)" }
        if let ceiling, !trouble.transient.isEmpty {
            let above = trouble.transient.filter { series.values[$0].isFinite && series.values[$0] > ceiling }
            if let peak = above.max(by: { series.values[$0] < series.values[$1] }) {
                let last = series.steps[above.last ?? peak]
                out.append(named("the first steps (to step \(last), up to \(SeriesPlot.metricText(series.values[peak]))) lie above the axis, marked on its top edge"))
            }
        }
        return out
    }
}
