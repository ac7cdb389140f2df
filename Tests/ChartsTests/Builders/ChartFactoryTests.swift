import Diagnostics
import RunModel
import TestSupport
import Testing
@testable import Charts

struct ChartFactoryTests {
    let measurer = ApproximateTextMeasurer()

    @Test func fullRunGetsEveryKindItsDataAllows() {
        let kinds = ChartFactory.charts(for: SyntheticRuns.run(), findings: []).map(\.kind)
        #expect(kinds == [.loss, .perplexity, .evalMetrics, .learningRate, .gradNorm, .throughput])
    }

    @Test func runWithOnlyALossGetsOnlyALossChart() {
        var b = RunBuilder(name: "tiny", format: "test", sourcePath: "t")
        for s in 1...20 { b.add(key: "loss", step: s, value: 1 / Double(s)) }
        let charts = ChartFactory.charts(for: b.build(), findings: [])
        #expect(charts.map(\.kind) == [.loss])
        #expect(charts[0].description.hasPrefix("Loss of run tiny"))
    }

    @Test func stepsPerSecondComeFromWallTimeWhenThroughputIsNotLogged() throws {
        var b = RunBuilder(name: "timed", format: "test", sourcePath: "t")
        for s in 1...50 { b.add(key: "loss", step: s * 10, wallTime: Double(s) * 5, value: 1) }
        let chart = try #require(ChartFactory.charts(for: b.build(), findings: []).first { $0.kind == .throughput })
        let line = chart.panels[0].layers.first { if case .line = $0 { return true } else { return false } }
        guard case let .line(_, ys, _)? = line else {
            Issue.record("no line")
            return
        }
        #expect(ys.allSatisfy { abs($0 - 2) < 1e-12 })
    }

    @Test func everyChartHasAOneSentenceDescription() {
        for chart in ChartFactory.charts(for: SyntheticRuns.run(.explode), findings: SyntheticRuns.findings(.explode)) {
            #expect(chart.description.hasSuffix("."))
            #expect(chart.description.filter { $0 == "." }.count >= 1)
            #expect(!chart.title.isEmpty)
        }
    }

    @Test func aStretchOfNaNIsOneLabelledBandAndAnIsolatedNaNAMarker() throws {
        let chart = try #require(ChartFactory.charts(for: SyntheticRuns.run(.explode), findings: []).first)
        let labels = chart.panels[0].layers.compactMap { layer -> String? in
            if case let .band(_, _, _, _, label) = layer { return label }
            return nil
        }
        #expect(labels.contains { $0.hasPrefix("NaN from step") && $0.hasSuffix("to the end") })
        var b = RunBuilder(name: "blip", format: "test", sourcePath: "t")
        for s in 1...60 { b.add(key: "loss", step: s, value: s == 30 ? .nan : 3 - Double(s) / 100) }
        let blip = try #require(ChartFactory.charts(for: b.build(), findings: []).first)
        let edges = blip.panels[0].layers.compactMap { layer -> [Double]? in
            if case let .edgeMarkers(xs, _) = layer { return xs }
            return nil
        }
        #expect(edges == [[30]])
        let scene = blip.scene(width: 600, height: 300, measurer: measurer)
        #expect(scene.primitives.contains { if case .markers(_, .triangleUp, _, _, _, _) = $0 { true } else { false } })
    }

    /// A loss falling from 5.5 to 3.05, 2.2e12 at step 230, then NaN from step 235 to the end.
    static func diverging(name: String = "diverging") -> Run {
        var b = RunBuilder(name: name, format: "test", sourcePath: "t")
        for s in stride(from: 5, through: 300, by: 5) {
            let before: Double = 3.05 + 2.45 * Double(225 - s) / 220
            let loss: Double = s < 230 ? before : s == 230 ? 2.2e12 : Double.nan
            b.add(key: "loss", step: s, value: loss)
        }
        return b.build()
    }

    @Test func aDivergedRunFitsTheAxisToThePartBeforeAndShadesTheDivergence() throws {
        let chart = try #require(ChartFactory.charts(for: Self.diverging(), findings: []).first)
        let panel = chart.panels[0]
        #expect(panel.y.scale == .linear)
        #expect(panel.y.ceiling == 5.5)
        let labels = panel.layers.compactMap { layer -> String? in
            if case let .band(_, _, _, _, label) = layer { return label }
            return nil
        }
        #expect(labels == ["diverged: 2.2e12 at step 230; NaN from step 235 to the end"])
        #expect(chart.description.contains("diverged: 2.2e12 at step 230"))
        let scene = chart.scene(width: 600, height: 300, measurer: measurer)
        let texts = scene.primitives.compactMap { if case let .text(t, _, _) = $0 { t } else { nil } }
        #expect(texts.contains("off scale: 2.2e12"))
        #expect(texts.contains("6") && !texts.contains { $0.contains("e12") && !$0.contains(":") })
    }

    @Test func oneDivergedRunDoesNotSquashTheOthersInAComparison() throws {
        var healthy = RunBuilder(name: "healthy", format: "test", sourcePath: "t")
        for s in stride(from: 5, through: 300, by: 5) { healthy.add(key: "loss", step: s, value: 2 + 2 * Double(300 - s) / 300) }
        let chart = try #require(ChartFactory.comparison(runs: [Self.diverging(), healthy.build()]).first { $0.kind == .loss })
        #expect(chart.panels[0].y.scale == .linear)
        #expect(chart.panels[0].y.ceiling == 5.5)
        let domain = PanelDomain(panel: chart.panels[0])
        #expect(domain.y.upper < 6 && domain.cappedAbove)
    }

    @Test func oneDivergedGradientNormDoesNotSquashTheOthersInAComparison() throws {
        var diverged = RunBuilder(name: "bad", format: "test", sourcePath: "t")
        var healthy = RunBuilder(name: "good", format: "test", sourcePath: "t")
        for s in stride(from: 5, through: 300, by: 5) {
            let norm: Double = s < 230 ? 1 + Double(s % 3) / 10 : s < 240 ? 5e9 : Double.nan
            diverged.add(key: "grad_norm", step: s, value: norm)
            healthy.add(key: "grad_norm", step: s, value: 0.8 + Double(s % 4) / 10)
        }
        let chart = try #require(ChartFactory.comparison(runs: [diverged.build(), healthy.build()]).first { $0.kind == .gradNorm })
        #expect(chart.panels[0].y.scale == .linear)
        #expect(chart.panels[0].y.ceiling == 1.2)
        #expect(PanelDomain(panel: chart.panels[0]).y.upper < 2)
    }

    @Test func aSteepStartIsClippedWithAMarkerAndSaidInTheDescription() throws {
        var b = RunBuilder(name: "steep", format: "test", sourcePath: "t")
        for s in 1...200 {
            let rest: Double = 2 + 0.5 * Double(200 - s) / 200
            b.add(key: "loss", step: s, value: s <= 3 ? 11 - Double(s) : rest)
        }
        let chart = try #require(ChartFactory.charts(for: b.build(), findings: []).first)
        #expect(chart.panels[0].y.scale == .linear)
        let ceiling: Double = 2 + 0.5 * 196 / 200
        #expect(chart.panels[0].y.ceiling == ceiling)
        #expect(chart.description.contains("the first steps (to step 3, up to 10) lie above the axis"))
        let scene = chart.scene(width: 600, height: 300, measurer: measurer)
        let texts = scene.primitives.compactMap { if case let .text(t, _, _) = $0 { t } else { nil } }
        #expect(texts.contains("off scale: 10"))
    }

    @Test func everyYAxisHasAtLeastFourLabelledTicks() throws {
        var b = RunBuilder(name: "small", format: "test", sourcePath: "t")
        for s in 1...20 { b.add(key: "loss", step: s, value: 5.5 - Double(s) / 10) }
        let chart = try #require(ChartFactory.charts(for: b.build(), findings: []).first)
        for height in [180.0, 240, 360] {
            let domain = PanelDomain(panel: chart.panels[0])
            let ticks = AxisTicks(axis: chart.panels[0].y, lower: domain.y.lower, upper: domain.y.upper, length: height - 90,
                                  horizontal: false, measurer: measurer)
            #expect(ticks.ticks.count >= 4, "\(height): \(ticks.ticks)")
        }
    }

    @Test func overfittingShadesTheRegionAfterTheBestEval() throws {
        let run = SyntheticRuns.run(.overfit)
        let chart = try #require(ChartFactory.charts(for: run, findings: SyntheticRuns.findings(.overfit)).first)
        let bands = chart.panels[0].layers.compactMap { layer -> (Double, Double)? in
            if case let .band(x0, x1, _, _, _) = layer { return (x0, x1) }
            return nil
        }
        let eval = try #require(run.series(.evalLoss))
        let best = try #require(SeriesPlot.bestIndex(eval.values, higherIsBetter: false))
        #expect(bands.count == 1)
        #expect(bands.first?.0 == Double(eval.steps[best]))
        #expect(bands.first?.1 == Double(eval.steps.last ?? 0))
    }

    @Test func gradNormSpanningDecadesUsesALogAxisAndShowsTheClippingThreshold() throws {
        let chart = try #require(ChartFactory.charts(for: SyntheticRuns.run(.explode), findings: []).first { $0.kind == .gradNorm })
        #expect(chart.panels[0].y.scale == .log)
        #expect(chart.panels[0].layers.contains { if case .horizontalRule(1, _, _) = $0 { true } else { false } })
    }

    @Test func learningRateMarksWarmupEndAndPeak() throws {
        let chart = try #require(ChartFactory.charts(for: SyntheticRuns.run(), findings: []).first { $0.kind == .learningRate })
        #expect(chart.panels[0].layers.contains { if case .verticalRule(100, _, _) = $0 { true } else { false } })
        #expect(chart.description.contains("until step 100 to a peak of 2e-4"))
    }

    @Test func epochAndWallTimeAxesAreOfferedAndFallBackToSteps() throws {
        let run = SyntheticRuns.run()
        let byEpoch = try #require(ChartFactory.charts(for: run, findings: [], options: ChartOptions(xAxis: .epoch)).first)
        #expect(byEpoch.panels[0].x.title == "epoch")
        guard case let .line(xs, _, _)? = byEpoch.panels[0].layers.first else { return }
        #expect(abs((xs.last ?? 0) - 3) < 1e-9)
        let byTime = try #require(ChartFactory.charts(for: run, findings: [], options: ChartOptions(xAxis: .wallTime)).first)
        #expect(byTime.panels[0].x.title == "wall time (minutes)")
        var b = RunBuilder(name: "untimed", format: "test", sourcePath: "t")
        for s in 1...5 { b.add(key: "loss", step: s, value: 1) }
        let fallback = try #require(ChartFactory.charts(for: b.build(), findings: [], options: ChartOptions(xAxis: .wallTime)).first)
        #expect(fallback.panels[0].x.title == "step")
    }

    @Test func tokensAxisUsesTheLoggedCounterElseThroughputOverTime() throws {
        var counted = RunBuilder(name: "counted", format: "test", sourcePath: "t")
        for s in 1...10 {
            counted.add(key: "loss", step: s * 10, value: 1)
            counted.add(key: "num_input_tokens_seen", step: s * 10, value: Double(s) * 40_960)
        }
        let byCounter = try #require(ChartFactory.charts(for: counted.build(), findings: [], options: ChartOptions(xAxis: .tokens)).first)
        #expect(byCounter.panels[0].x.title == "tokens seen")
        let lines = byCounter.panels[0].layers.compactMap { layer -> [Double]? in
            if case let .line(xs, _, _) = layer { return xs } else { return nil }
        }
        let xs = try #require(lines.last, "no line")
        #expect(xs.first == 40_960)
        #expect(xs.last == 409_600)

        var timed = RunBuilder(name: "timed", format: "test", sourcePath: "t")
        for s in 0...4 {
            timed.add(key: "loss", step: s * 10, wallTime: Double(s) * 2, value: 1)
            timed.add(key: "tokens_per_second", step: s * 10, wallTime: Double(s) * 2, value: 1000)
        }
        let byRate = try #require(ChartFactory.charts(for: timed.build(), findings: [], options: ChartOptions(xAxis: .tokens)).first)
        #expect(byRate.panels[0].x.title == "tokens seen (from throughput)")
        let rateLines = byRate.panels[0].layers.compactMap { layer -> [Double]? in
            if case let .line(xs, _, _) = layer { return xs } else { return nil }
        }
        let rateXs = try #require(rateLines.last, "no line")
        #expect(rateXs == [0, 2000, 4000, 6000, 8000])

        var plain = RunBuilder(name: "plain", format: "test", sourcePath: "t")
        for s in 1...5 { plain.add(key: "loss", step: s, value: 1) }
        #expect(!ChartOptions.XAxis.tokens.isAvailable(for: plain.build()))
    }

    @Test func comparisonFallsBackToStepsWhenOneRunLacksTheAxis() throws {
        var untimed = RunBuilder(name: "untimed", format: "test", sourcePath: "t")
        for s in 1...50 { untimed.add(key: "loss", step: s * 10, value: 1 / Double(s)) }
        let runs = [SyntheticRuns.run(.healthy), untimed.build()]
        let loss = try #require(ChartFactory.comparison(runs: runs, options: ChartOptions(xAxis: .epoch)).first)
        #expect(loss.panels[0].x.title == "step")
        let both = try #require(ChartFactory.comparison(runs: [runs[0], runs[0]], options: ChartOptions(xAxis: .epoch)).first)
        #expect(both.panels[0].x.title == "epoch")
    }

    @Test func comparedLearningRatesTenfoldApartGetALogAxis() throws {
        func run(_ name: String, lr: Double) -> Run {
            var b = RunBuilder(name: name, format: "test", sourcePath: "t")
            for s in 1...20 { b.add(key: "learning_rate", step: s, value: lr) }
            return b.build()
        }
        let apart = try #require(ChartFactory.comparison(runs: [run("a", lr: 1e-3), run("b", lr: 1e-5)]).first { $0.kind == .learningRate })
        #expect(apart.panels[0].y.scale == .log)
        let close = try #require(ChartFactory.comparison(runs: [run("a", lr: 1e-3), run("b", lr: 3e-4)]).first { $0.kind == .learningRate })
        #expect(close.panels[0].y.scale == .linear)
    }

    @Test func excerptZoomsAroundTheFindingsSteps() throws {
        let run = SyntheticRuns.run(.explode)
        let finding = SyntheticRuns.findings(.explode)[1]
        let chart = try #require(ChartFactory.excerpt(for: finding, run: run))
        #expect(chart.kind == .gradNorm)
        #expect(chart.panels[0].x.lower == 400)
        #expect(chart.panels[0].x.upper == 1000)
        #expect(chart.title.contains("grad-norm-explosion"))
        #expect(ChartFactory.excerpt(for: Finding(id: "no-eval", severity: .warning, title: "", message: ""), run: run) == nil)
    }

    /// A run built directly (not through `RunBuilder`) can hold any 64-bit step: the excerpt window
    /// once trapped on `Int` overflow with a step near `Int.max`/`Int.min`, killing whole audits.
    @Test func excerptOfStepsNearTheIntLimitsDoesNotTrap() throws {
        let loss = Series(name: "train/loss", key: "loss", role: .trainLoss, steps: [Int.min, 0, 10, Int.max], values: [3, 2, 1, 0.5])
        let run = Run(name: "r", format: "tfevents", series: [loss])
        for range in [Int.min...Int.max, Int.max...Int.max, Int.min...Int.min, 0...10] {
            let finding = Finding(id: "loss-spike", severity: .warning, title: "t", message: "m", steps: range, metric: "train/loss")
            let window = ChartFactory.zoomWindow(range, run: run)
            #expect(window.lowerBound >= Int.min && window.upperBound <= Int.max)
            _ = ChartFactory.excerpt(for: finding, run: run)
        }
        _ = ChartFactory.charts(for: run, findings: [])
    }

    @Test func anExcerptThatWouldShowMostOfTheRunIsNotDrawn() {
        let run = SyntheticRuns.run(.explode)
        let wide = Finding(id: "lr-schedule", severity: .warning, title: "", message: "", steps: 100...900, metric: "train/learning_rate")
        #expect(ChartFactory.excerpt(for: wide, run: run) == nil)
        #expect(ChartFactory.chartKind(for: wide, run: run) == .learningRate)
    }

    @Test func comparisonDrawsOneColourPerRunWithALegend() throws {
        let runs = [SyntheticRuns.run(.healthy), SyntheticRuns.run(.overfit)]
        let charts = ChartFactory.comparison(runs: runs)
        let loss = try #require(charts.first { $0.kind == .loss })
        #expect(loss.legend.map(\.label) == ["synthetic-healthy train", "synthetic-healthy eval",
                                             "synthetic-overfit train", "synthetic-overfit eval"])
        #expect(Set(charts.map(\.kind)) == [.loss, .evalMetrics, .learningRate, .gradNorm, .throughput])
    }

    @Test func findingsAboutTheWholeRunGetNoBandAndSpikesAreRingedWhereTheEvidenceSays() throws {
        let run = SyntheticRuns.run()
        let findings = [
            Finding(id: "lr-schedule", severity: .info, title: "", message: "", steps: 10...1000, metric: "train/learning_rate"),
            Finding(id: "loss-spike", severity: .warning, title: "", message: "", steps: 300...500, metric: "train/loss",
                    evidence: [Evidence("spike_steps", .text("300, 400")), Evidence("largest_step", .integer(400))]),
        ]
        let charts = ChartFactory.charts(for: run, findings: findings)
        let lr = try #require(charts.first { $0.kind == .learningRate })
        #expect(!lr.panels[0].layers.contains { if case .band = $0 { true } else { false } })
        let loss = try #require(charts.first { $0.kind == .loss })
        let rings = loss.panels[0].layers.compactMap { layer -> [Double]? in
            if case let .points(xs, _, .circle, 11, _, _) = layer { return xs }
            return nil
        }
        #expect(rings == [[300, 400]])
    }

    @Test func bandLabelsStayInsideThePlot() {
        let chart = Chart(kind: .loss, title: "t", description: "d", panels: [ChartPanel(
            x: Axis(title: "step"), y: Axis(title: "loss"),
            layers: [.line(xs: [0, 100], ys: [1, 2], style: StrokeStyle(color: Palette.blue)),
                     .band(x0: 99, x1: 100, color: Palette.alert, opacity: 0.1, label: "grad-norm-explosion")])])
        let measurer = ApproximateTextMeasurer()
        let scene = chart.scene(width: 400, height: 200, measurer: measurer)
        let clip = scene.primitives.compactMap { p -> Rect? in if case let .pushClip(r) = p { r } else { nil } }.first
        #expect(scene.primitives.contains { if case .text("grad-norm-explosion", _, _) = $0 { true } else { false } })
        for case let .text(s, at, style) in scene.primitives where s == "grad-norm-explosion" {
            let w = measurer.width(of: s, size: style.size, weight: style.weight)
            let right = style.anchor == .end ? at.x : at.x + w
            #expect(right <= (clip?.maxX ?? 0))
        }
    }
}

