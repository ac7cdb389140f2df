import Foundation
import Diagnostics
import RunModel

/// Perplexity, exp(loss), of the training (smoothed) and eval loss, for language-model runs.
enum PerplexityChart {
    static func make(run: Run, findings: [Finding], options: ChartOptions, mapper: XAxisMapper) -> Chart? {
        guard run.hasLanguageModelLoss else { return nil }
        let train = run.series(.trainLoss)
        let eval = run.series(.evalLoss)
        guard train != nil || eval != nil else { return nil }
        var layers: [Layer] = []
        var legend: [LegendEntry] = []
        var all: [Double] = []
        var data: [PanelSeries] = []
        if let train {
            let weight = options.smoothing ?? Smoothing.defaultWeight(pointCount: train.count)
            let values = Smoothing.ema(train.values, weight: weight).map(perplexity)
            let style = StrokeStyle(color: LossChart.trainColor, width: 1.8)
            // Explored as exp of each raw loss, smoothed like the static line (which is exp of the smoothed loss).
            data.append(SeriesPlot.data(train, name: "train perplexity", color: LossChart.trainColor, xs: mapper.xs(train),
                                        ys: train.values.map(perplexity), smoothing: weight))
            layers.append(.line(xs: mapper.xs(train), ys: values, style: style))
            legend.append(LegendEntry(label: weight > 0 ? "train perplexity (of smoothed loss)" : "train perplexity",
                                      swatch: .line(style)))
            layers.append(.offScale(xs: mapper.xs(train), ys: values, color: LossChart.trainColor))
            all += values
        }
        if let eval {
            let values = eval.values.map(perplexity)
            let style = StrokeStyle(color: LossChart.evalColor, width: 1.6)
            data.append(SeriesPlot.data(eval, name: "eval perplexity", color: LossChart.evalColor, xs: mapper.xs(eval), ys: values,
                                        markers: true))
            layers.append(.line(xs: mapper.xs(eval), ys: values, style: style))
            layers.append(.points(xs: mapper.xs(eval), ys: values, shape: .circle, size: 5, color: LossChart.evalColor,
                                  opacity: 1))
            legend.append(LegendEntry(label: "eval perplexity", swatch: .line(style)))
            layers.append(.offScale(xs: mapper.xs(eval), ys: values, color: LossChart.evalColor))
            all += values
        }
        let nonFinite = [train, eval].compactMap { $0 }.flatMap { SeriesPlot.nonFiniteXs($0, mapper: mapper) }
        if !nonFinite.isEmpty {
            layers.append(.edgeMarkers(xs: nonFinite, color: Palette.alert))
            legend.append(SeriesPlot.nonFiniteLegend)
        }
        let log = SeriesPlot.spansDecades(SeriesPlot.inliers(all), 1)
        let y = Axis(title: log ? "perplexity (log scale)" : "perplexity", scale: log ? .log : .linear, nice: true,
                     notation: .scientific)
        var sentence = "Perplexity (exp of the loss) of run \(run.name) by \(mapper.title)"
        if let eval, let best = SeriesPlot.bestIndex(eval.values, higherIsBetter: false) {
            let value = SeriesPlot.metricText(perplexity(eval.values[best]))
            sentence += "; eval perplexity is lowest at step \(eval.steps[best]) (\(value))"
        }
        return Chart(kind: .perplexity, title: "Perplexity", description: sentence + ".",
                     panels: [ChartPanel(x: Axis(title: mapper.title), y: y, layers: layers, series: data)], legend: legend)
    }

    static func perplexity(_ loss: Double) -> Double { loss.isFinite ? exp(min(loss, 700)) : loss }
}
