import Diagnostics
import RunModel

extension ChartFactory {
    /// Charts that overlay several runs, one colour per run with a legend: loss (smoothed train
    /// solid, eval dashed with points), eval metrics, learning rate, gradient norm, throughput.
    /// The x axis is `options.xAxis` when every run logs what it needs, else steps for all.
    public static func comparison(runs: [Run], options: ChartOptions = .init()) -> [Chart] {
        let xAxis = options.xAxis.shared(by: runs)
        let mappers = runs.map { XAxisMapper(run: $0, mode: xAxis) }
        let xTitle = mappers.first?.title ?? "step"
        let names = runs.map(\.name).joined(separator: ", ")
        var charts: [Chart] = []
        var loss: [Layer] = [], lossLegend: [LegendEntry] = [], lossTroubles: [TroublePlot] = [], nonFinite: [Double] = []
        var lossData: [PanelSeries] = []
        for (i, run) in runs.enumerated() {
            let color = Palette.series(i)
            var trainTrouble: TroublePlot?
            if let train = run.series(.trainLoss) {
                let weight = options.smoothing ?? Smoothing.defaultWeight(pointCount: train.count)
                let xs = mappers[i].xs(train)
                let trouble = TroublePlot(train, mapper: mappers[i], who: "\(run.name) train")
                lossTroubles.append(trouble)
                trainTrouble = trouble
                loss = trouble.layers + loss
                if weight > 0 {
                    loss.append(.line(xs: xs, ys: train.values, style: StrokeStyle(color: color, width: 0.8, opacity: 0.18)))
                }
                let style = StrokeStyle(color: color, width: 1.7)
                lossData.append(SeriesPlot.data(train, name: "\(run.name) train", color: color, xs: xs, smoothing: weight, trouble: trouble))
                loss.append(.line(xs: xs, ys: Smoothing.ema(trouble.smoothingInput, weight: weight), style: style))
                loss.append(.offScale(xs: xs, ys: train.values, color: color))
                lossLegend.append(LegendEntry(label: "\(run.name) train", swatch: .line(style)))
                nonFinite += trouble.isolatedNonFinite
            }
            if let eval = run.series(.evalLoss) {
                let xs = mappers[i].xs(eval)
                var trouble = TroublePlot(eval, mapper: mappers[i], who: "\(run.name) eval")
                if let trainTrouble { trouble.dropBands(inside: trainTrouble) }
                lossTroubles.append(trouble)
                loss = trouble.layers + loss
                let style = StrokeStyle(color: color, width: 1.5, dash: [5, 3])
                lossData.append(SeriesPlot.data(eval, name: "\(run.name) eval", color: color, xs: xs, markers: true, dashed: true))
                loss.append(.line(xs: xs, ys: eval.values, style: style))
                loss.append(.points(xs: xs, ys: eval.values, shape: .circle, size: 4.5, color: color, opacity: 1))
                loss.append(.offScale(xs: xs, ys: eval.values, color: color))
                lossLegend.append(LegendEntry(label: "\(run.name) eval", swatch: .line(style)))
                nonFinite += trouble.isolatedNonFinite
            }
        }
        if !loss.isEmpty {
            if !nonFinite.isEmpty {
                loss.append(.edgeMarkers(xs: nonFinite, color: Palette.alert))
                lossLegend.append(SeriesPlot.nonFiniteLegend)
            }
            if lossTroubles.contains(where: { !$0.trouble.bands.isEmpty }) {
                lossLegend.append(TroublePlot.legend)
            }
            let (log, ceiling) = LossChart.scale(lossTroubles)
            var text = "Training (smoothed) and eval loss of runs \(names) by \(xTitle)"
            let clauses = lossTroubles.flatMap { $0.clauses(ceiling: ceiling) }
            if !clauses.isEmpty { text += "; " + clauses.joined(separator: "; ") }
            charts.append(Chart(kind: .loss, title: "Loss", description: text + ".",
                                panels: [ChartPanel(x: Axis(title: xTitle), y: LossChart.yAxis(log: log, ceiling: ceiling), layers: loss,
                                                    series: lossData)],
                                legend: lossLegend))
        }
        if let metrics = comparedEvalMetrics(runs: runs, mappers: mappers, xTitle: xTitle) { charts.append(metrics) }
        let single: [(ChartKind, String, String, (Run) -> Series?)] = [
            (.learningRate, "Learning rate", "learning rate", { $0.series(.learningRate) }),
            (.gradNorm, "Gradient norm", "gradient norm", { $0.series(.gradNorm) }),
            (.throughput, "Throughput", "tokens/s", { $0.series(.tokensPerSecond) }),
        ]
        for (kind, title, unit, pick) in single {
            var layers: [Layer] = [], legend: [LegendEntry] = [], values: [Double] = [], peaks: [Double] = []
            var troubles: [TroublePlot] = []
            var data: [PanelSeries] = []
            for (i, run) in runs.enumerated() {
                guard let s = pick(run) else { continue }
                // A run whose gradient norm diverged is shaded and left off the axis, like its loss.
                let trouble = TroublePlot(s, mapper: mappers[i], who: run.name)
                troubles.append(trouble)
                layers = trouble.layers + layers
                let style = StrokeStyle(color: Palette.series(i), width: 1.6)
                let xs = mappers[i].xs(s)
                layers.append(.line(xs: xs, ys: s.values, style: style))
                layers.append(.offScale(xs: xs, ys: s.values, color: Palette.series(i)))
                data.append(SeriesPlot.data(s, name: run.name, color: Palette.series(i), xs: xs,
                                            smoothing: kind == .learningRate ? nil : 0, trouble: trouble))
                legend.append(LegendEntry(label: run.name, swatch: .line(style)))
                values += trouble.fittedValues
                if let peak = s.summary.max, peak > 0 { peaks.append(peak) }
            }
            guard !layers.isEmpty else { continue }
            // Learning rates 10x apart would flatten the smaller onto zero on a linear axis.
            let log = kind == .gradNorm ? SeriesPlot.spansDecades(values, 2)
                : kind == .learningRate && SeriesPlot.spansDecades(peaks, 1)
            let y = Axis(title: log ? "\(unit) (log scale)" : unit, scale: log ? .log : .linear, lower: log ? nil : 0, nice: true,
                         notation: kind == .throughput ? .si : .scientific,
                         ceiling: TroublePlot.ceiling(troubles, keepTransient: true))
            if troubles.contains(where: { !$0.trouble.bands.isEmpty }) { legend.append(TroublePlot.legend) }
            charts.append(Chart(kind: kind, title: title, description: "\(title) of runs \(names) by \(xTitle).",
                                panels: [ChartPanel(x: Axis(title: xTitle), y: y, layers: layers, series: data)], legend: legend))
        }
        return charts
    }

    /// One panel per eval metric any run logs (up to six), one line per run.
    static func comparedEvalMetrics(runs: [Run], mappers: [XAxisMapper], xTitle: String) -> Chart? {
        var order: [String] = []
        for run in runs {
            for s in run.evalMetrics where !order.contains(s.name) { order.append(s.name) }
        }
        guard !order.isEmpty else { return nil }
        let panels = order.prefix(EvalMetricsChart.maxPanels).map { name -> ChartPanel in
            var layers: [Layer] = []
            var data: [PanelSeries] = []
            for (i, run) in runs.enumerated() {
                guard let s = run.series(named: name), !s.isEmpty else { continue }
                let xs = mappers[i].xs(s)
                data.append(SeriesPlot.data(s, name: run.name, color: Palette.series(i), xs: xs, markers: true))
                layers.append(.line(xs: xs, ys: s.values, style: StrokeStyle(color: Palette.series(i), width: 1.5)))
                layers.append(.points(xs: xs, ys: s.values, shape: .circle, size: 4, color: Palette.series(i), opacity: 1))
                layers.append(.offScale(xs: xs, ys: s.values, color: Palette.series(i)))
            }
            let metric = String(name.dropFirst("eval/".count))
            let y = Axis(title: metric, nice: true, notation: .scientific)
            return ChartPanel(title: metric, x: Axis(title: xTitle), y: y, layers: layers, series: data)
        }
        let legend = runs.enumerated().map { LegendEntry(label: $1.name, swatch: .line(StrokeStyle(color: Palette.series($0), width: 1.5))) }
        return Chart(kind: .evalMetrics, title: "Evaluation metrics",
                     description: "Evaluation metrics (\(order.prefix(EvalMetricsChart.maxPanels).map { String($0.dropFirst(5)) }.joined(separator: ", "))) of runs \(runs.map(\.name).joined(separator: ", ")).",
                     panels: Array(panels), legend: legend)
    }
}
