import Diagnostics
import RunModel

/// Every logged series the dedicated charts do not draw (TRL `rewards/*`, `logps/*`, KL, entropy,
/// loss components, system metrics, test metrics, further eval metrics...), as small multiples grouped
/// by the prefix of their name, so the report shows every scalar as TensorBoard or W&B would. At most
/// `maxPanelsPerChart` panels per chart and `maxPanels` in all; the rest are listed by name
/// (`unchartedSeries`).
public enum MetricGroupChart {
    public static let maxPanelsPerChart = 9
    public static let maxPanels = 36

    /// One chart's worth: a prefix group (or part of one) and its series.
    struct Group {
        var prefix: String
        var series: [Series]
        var part: Int
        var parts: Int
    }

    /// Names of the series the dedicated charts draw (loss, eval metrics, learning rate, gradient
    /// norm, throughput, GPU utilisation); the epoch and tokens-seen counters are the x axis and key facts.
    static func drawnElsewhere(_ run: Run) -> Set<String> {
        var names = Set<String>()
        let roles: [MetricRole] = [.trainLoss, .evalLoss, .learningRate, .gradNorm, .gpuUtilization]
        for role in roles { if let s = run.series(role) { names.insert(s.name) } }
        if let throughput = run.series(.tokensPerSecond) ?? run.series(.samplesPerSecond) ?? run.series(.stepsPerSecond) {
            names.insert(throughput.name)
        }
        for s in EvalMetricsChart.shown(run) { names.insert(s.name) }
        for s in run.series where s.role == .epoch || s.role == .tokensSeen { names.insert(s.name) }
        return names
    }

    /// The series left for group panels, in reading order: held-out first, then rewards and policy
    /// statistics, then other training values, system metrics last.
    static func leftOver(_ run: Run) -> [Series] {
        let drawn = drawnElsewhere(run)
        return run.series.filter { !$0.isEmpty && !drawn.contains($0.name) && $0.values.contains(where: \.isFinite) }
    }

    static func prefix(of name: String) -> String {
        guard let slash = name.firstIndex(of: "/") else { return name }
        return String(name[...slash])
    }

    static let prefixOrder = ["eval/", "test/", "rewards/", "objective/", "logps/", "logits/", "completions/", "train/"]

    /// Groups of at most `maxPanelsPerChart`, up to `maxPanels` series in all, and the series left out.
    static func plan(_ run: Run) -> (groups: [Group], uncharted: [Series]) {
        var byPrefix: [String: [Series]] = [:]
        var order: [String] = []
        for s in leftOver(run) {
            let p = prefix(of: s.name)
            if byPrefix[p] == nil { order.append(p) }
            byPrefix[p, default: []].append(s)
        }
        // An RL run's reward is what it optimises: its group comes first, the reward first within it.
        for p in order where byPrefix[p]?.contains(where: { $0.role == .reward }) == true {
            byPrefix[p]?.sort { ($0.role == .reward ? 0 : 1, $0.name) < ($1.role == .reward ? 0 : 1, $1.name) }
        }
        func rank(_ p: String) -> Int {
            if byPrefix[p]?.first?.role == .reward { return -1 }
            if let i = prefixOrder.firstIndex(of: p) { return i }
            return p == "system/" ? prefixOrder.count + 1 : prefixOrder.count
        }
        order.sort { (rank($0), $0) < (rank($1), $1) }
        var groups: [Group] = []
        var uncharted: [Series] = []
        var budget = maxPanels
        for p in order {
            let all = byPrefix[p] ?? []
            let shown = Array(all.prefix(max(0, budget)))
            uncharted += all.dropFirst(shown.count)
            budget -= shown.count
            let chunks = stride(from: 0, to: shown.count, by: maxPanelsPerChart).map {
                Array(shown[$0..<min(shown.count, $0 + maxPanelsPerChart)])
            }
            for (i, chunk) in chunks.enumerated() {
                groups.append(Group(prefix: p, series: chunk, part: i + 1, parts: chunks.count))
            }
        }
        return (groups, uncharted)
    }

    /// Canonical names of the series no chart draws (beyond the panel cap), for the report's list.
    public static func unchartedSeries(_ run: Run) -> [String] {
        plan(run).uncharted.map(\.name)
    }

    static func make(run: Run, findings: [Finding], mapper: XAxisMapper) -> [Chart] {
        plan(run).groups.map { chart($0, run: run, findings: findings, mapper: mapper) }
    }

    /// One series in a panel of its own (a finding's excerpt).
    static func single(_ series: Series, run: Run, findings: [Finding], mapper: XAxisMapper) -> Chart {
        var single = chart(Group(prefix: prefix(of: series.name), series: [series], part: 1, parts: 1), run: run,
                           findings: findings, mapper: mapper)
        single.title = series.name
        return single
    }

    private static func chart(_ group: Group, run: Run, findings: [Finding], mapper: XAxisMapper) -> Chart {
        var panels: [ChartPanel] = []
        var described: [String] = []
        for (i, series) in group.series.enumerated() {
            let color = Palette.series[i % 5]
            let meaning = MetricCatalog.meaning(ofCanonical: series.name)
            let label = group.prefix == series.name ? series.name : String(series.name.dropFirst(group.prefix.count))
            let xs = mapper.xs(series)
            var layers = FindingMarks(findings: findings, kind: .metricGroup, metrics: [series], mapper: mapper).layers
            layers.append(.line(xs: xs, ys: series.values, style: StrokeStyle(color: color, width: 1.4)))
            if series.count <= 60 {
                layers.append(.points(xs: xs, ys: series.values, shape: .circle, size: 3.5, color: color, opacity: 1))
            }
            layers.append(SeriesPlot.offScale(series, mapper: mapper, color: color))
            let nonFinite = SeriesPlot.nonFiniteXs(series, mapper: mapper)
            if !nonFinite.isEmpty { layers.append(.edgeMarkers(xs: nonFinite, color: Palette.alert)) }
            let direction: String
            switch meaning.better {
            case .higher: direction = " (higher is better)"
            case .lower: direction = " (lower is better)"
            case .unknown: direction = ""
            }
            let unit = meaning.unit.map { " (\($0))" } ?? ""
            panels.append(ChartPanel(title: label + direction, x: Axis(title: mapper.title),
                                     y: Axis(title: label + unit, nice: true, notation: .scientific), layers: layers,
                                     series: [SeriesPlot.data(series, name: label, color: color, xs: xs, smoothing: 0,
                                                              markers: series.count <= 60)]))
            let finite = series.values.filter(\.isFinite)
            if let first = finite.first, let last = finite.last {
                described.append("\(series.name) \(SeriesPlot.metricText(first)) → \(SeriesPlot.metricText(last))")
            }
        }
        let part = group.parts > 1 ? " (\(group.part) of \(group.parts))" : ""
        let title = "Other metrics: \(group.prefix)" + part
        let sentence = "Logged series under \(group.prefix) of run \(run.name) by \(mapper.title), first → last: "
            + described.joined(separator: "; ") + "."
        let slug = "metrics-" + slugText(group.prefix) + (group.parts > 1 ? "-\(group.part)" : "")
        return Chart(kind: .metricGroup, title: title, description: sentence, panels: panels, slug: slug)
    }

    /// `rewards/` -> `rewards`; anything but letters and digits becomes `-` (file names, ids).
    static func slugText(_ prefix: String) -> String {
        let mapped = prefix.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let text = String(mapped).split(separator: "-").joined(separator: "-")
        return text.isEmpty ? "other" : text
    }
}
