import Foundation
import RunModel
import TestSupport
import Testing
@testable import Charts

struct LayoutTests {
    let measurer = ApproximateTextMeasurer()

    /// Tick labels on the x axis never overlap, whatever the width.
    @Test(arguments: [240.0, 320, 480, 640, 960])
    func xTickLabelsNeverOverlap(width: Double) {
        for chart in ChartFactory.charts(for: SyntheticRuns.run(steps: 1_234_567, logEvery: 12_345), findings: []) {
            let scene = chart.scene(width: width, height: 300, measurer: measurer)
            var boxes: [(Double, Double, Double)] = []
            for case let .text(s, at, style) in scene.primitives where style.baseline == .top && style.size == Theme.tickLabelSize {
                let w = measurer.width(of: s, size: style.size, weight: style.weight)
                boxes.append((at.x - w / 2, at.x + w / 2, at.y))
            }
            for a in boxes {
                for b in boxes where a.2 == b.2 && a.0 < b.0 {
                    #expect(a.1 <= b.0, "labels overlap in \(chart.kind) at width \(width)")
                }
            }
        }
    }

    @Test func scenesStaySmallForAMillionPoints() {
        var b = RunBuilder(name: "big", format: "test", sourcePath: "t")
        var rng = SyntheticRuns.Random(state: 9)
        for s in 0..<1_000_000 { b.add(name: "train/loss", key: "loss", role: .trainLoss, step: s, wallTime: nil, value: 2 + rng.noise()) }
        let chart = ChartFactory.charts(for: b.build(), findings: [], options: ChartOptions(smoothing: 0.99))[0]
        let scene = chart.scene(width: 800, height: 400, measurer: measurer)
        let points = scene.primitives.reduce(0) { n, p in
            if case let .polyline(pts, _) = p { return n + pts.count }
            return n
        }
        #expect(points < 2 * 800 * 2 * 5)
    }

    @Test func dumpIsStableAndReadable() {
        var scene = Scene(width: 100, height: 50)
        scene.add(.polyline([Point(x: 0, y: -0.01), Point(x: 10.26, y: 5)], StrokeStyle(color: Palette.blue, width: 1.5, opacity: 0.3, dash: [2, 1])))
        scene.add(.pushClip(Rect(x: 0, y: 0, width: 10, height: 10)))
        scene.add(.text("hi", at: Point(x: 1, y: 2), style: TextStyle(size: 9, weight: .bold, anchor: .middle, baseline: .top, rotation: 90)))
        scene.add(.popClip)
        #expect(scene.dump() == """
            scene 100x50
            polyline stroke=#0072b2 w=1.5 opacity=0.3 dash=2,1 n=2 0,0 10.3,5
            clip 0,0 10x10 {
              text 1,2 size=9 bold middle/top rot=90 "hi"
            }

            """)
    }
}

import RunModel

struct OffScaleLayoutTests {
    let measurer = ApproximateTextMeasurer()

    func chart() -> Chart {
        let ys = RobustRangeTests.exploded
        let xs = ys.indices.map { Double($0 + 1) * 10 }
        let layers: [Layer] = [
            .line(xs: xs, ys: ys, style: StrokeStyle(color: Palette.blue, width: 1.5)),
            .offScale(xs: xs, ys: ys, color: Palette.blue),
        ]
        return Chart(kind: .loss, title: "Loss", description: "", panels: [
            ChartPanel(x: Axis(title: "step"), y: Axis(title: "loss", nice: true), layers: layers),
        ])
    }

    @Test func anExtremeOutlierDoesNotFlattenTheCurve() {
        let domain = PanelDomain(panel: chart().panels[0])
        #expect(domain.y.upper < 5)
        #expect(domain.robust != nil)
    }

    @Test func theOutlierStaysVisibleAsALabelledMarkerWithALegendEntry() {
        let scene = chart().scene(width: 640, height: 360, measurer: measurer)
        let texts = scene.primitives.compactMap { p -> String? in
            if case let .text(s, _, _) = p { return s }
            return nil
        }
        #expect(texts.contains("off scale: 4.47T"))
        #expect(texts.contains("beyond the axis (value shown)"))
        let edgeMarkers = scene.primitives.contains { p in
            if case let .markers(pts, .triangleUp, _, _, _, _) = p { return pts.count == 2 }
            return false
        }
        #expect(edgeMarkers)
    }

    @Test func aLogAxisIsNeverClipped() {
        var c = chart()
        c.panels[0].y.scale = .log
        #expect(PanelDomain(panel: c.panels[0]).robust == nil)
    }
}

struct AnnotationRoomTests {
    func panel(annotationAt y: Double, above: Bool) -> ChartPanel {
        let xs = (0..<10).map(Double.init), ys = xs.map { 1 + $0 / 9 }
        return ChartPanel(x: Axis(title: "step"), y: Axis(title: "loss"), layers: [
            .line(xs: xs, ys: ys, style: StrokeStyle(color: Palette.blue, width: 1)),
            .annotation(x: 4, y: y, text: "best", color: Palette.orange, shape: .diamond, above: above),
        ])
    }

    @Test func aLabelInTheMiddleOfTheDataAddsNoRoom() {
        #expect(PanelDomain(panel: panel(annotationAt: 1.5, above: false)).y.lower > 0.9)
        #expect(PanelDomain(panel: panel(annotationAt: 1.5, above: true)).y.upper < 2.1)
    }

    /// A log axis over 0.34 to 1e308 with labels at both extremes once padded its top to infinity and
    /// its bottom to 0, failing LogScale's precondition.
    @Test func roomOnALogAxisNearDoubleMaxStaysPositiveAndFinite() {
        let xs = [0.0, 1, 2], ys = [0.34, 1, 1e308]
        let panel = ChartPanel(x: Axis(title: "step"), y: Axis(title: "loss", scale: .log), layers: [
            .line(xs: xs, ys: ys, style: StrokeStyle(color: Palette.blue, width: 1)),
            .annotation(x: 0, y: 0.34, text: "best", color: Palette.orange, shape: .diamond, above: false),
            .annotation(x: 2, y: 1e308, text: "worst", color: Palette.orange, shape: .diamond, above: true),
        ])
        let domain = PanelDomain(panel: panel)
        #expect(domain.y.lower > 0 && domain.y.upper.isFinite)
    }

    @Test func aLabelBeyondAnExtremeGetsRoomOnItsSide() {
        #expect(PanelDomain(panel: panel(annotationAt: 1.0, above: false)).y.lower < 0.85)
        #expect(PanelDomain(panel: panel(annotationAt: 2.0, above: true)).y.upper > 2.15)
    }
}

struct SmallMultiplesLayoutTests {
    let measurer = ApproximateTextMeasurer()

    /// Five eval metrics with long names, as a classification run logs them.
    func chart() -> Chart {
        let xs = (1...10).map { Double($0) * 100 }
        let panels = ["accuracy", "f1", "matthews_correlation", "precision", "recall"].map { name in
            ChartPanel(title: name + " (higher is better)", x: Axis(title: "step"), y: Axis(title: name, nice: true),
                       layers: [.line(xs: xs, ys: xs.map { 0.8 + $0 / 10_000 }, style: StrokeStyle(color: Palette.orange, width: 1.5))])
        }
        return Chart(kind: .evalMetrics, title: "Evaluation metrics", description: "", panels: panels)
    }

    @Test(arguments: [360.0, 480, 720])
    func panelTitlesFitTheirCells(width: Double) {
        let columns = ChartLayout.columns(panels: 5, width: width)
        let cell = (width - Theme.padding) / Double(columns)
        let scene = chart().scene(width: width, height: chart().height(forWidth: width, atLeast: 280), measurer: measurer)
        for case let .text(s, _, style) in scene.primitives where style.size == Theme.panelTitleSize {
            #expect(measurer.width(of: s, size: style.size, weight: style.weight) <= cell - 8, "\(s) at \(width)")
        }
    }

    @Test func narrowChartsGetFewerColumnsAndMoreHeight() {
        #expect(ChartLayout.columns(panels: 5, width: 720) == 3)
        #expect(ChartLayout.columns(panels: 5, width: 360) == 2)
        #expect(ChartLayout.columns(panels: 1, width: 200) == 1)
        #expect(chart().height(forWidth: 360, atLeast: 280) >= 3 * ChartLayout.minimumPanelHeight)
        var single = chart()
        single.panels = [single.panels[0]]
        #expect(single.height(forWidth: 360, atLeast: 280) == 280)
    }

    @Test func titlesDropTheirParentheticalThenGetAnEllipsis() {
        let m = measurer
        let full = "matthews_correlation (higher is better)"
        #expect(TextFitting.fitted(full, width: 1000, size: 10, weight: .bold, measurer: m) == full)
        #expect(TextFitting.fitted(full, width: 140, size: 10, weight: .bold, measurer: m) == "matthews_correlation")
        let cut = TextFitting.fitted(full, width: 60, size: 10, weight: .bold, measurer: m)
        #expect(cut.hasSuffix("…") && m.width(of: cut, size: 10, weight: .bold) <= 60)
    }

    /// Records the longest string it was asked to measure.
    final class RecordingMeasurer: TextMeasurer, @unchecked Sendable {
        private let lock = NSLock()
        private var longest = 0
        var longestMeasured: Int { lock.lock(); defer { lock.unlock() }; return longest }
        func width(of text: String, size: Double, weight: TextStyle.Weight) -> Double {
            lock.lock(); longest = max(longest, text.count); lock.unlock()
            return ApproximateTextMeasurer().width(of: text, size: size, weight: weight)
        }
        func lineHeight(size: Double) -> Double { size * 1.164 }
        func ascent(size: Double) -> Double { size * 0.928 }
    }

    /// A 100 KB metric key took 207 s to lay out for HTML (one measurement per character cut): layout
    /// must only ever measure a bounded prefix of a label.
    @Test func aHundredKilobyteMetricKeyIsLaidOutFromABoundedPrefix() {
        let key = "eval_" + String(repeating: "k", count: 100_000)
        var b = RunBuilder(name: String(repeating: "n", count: 100_000), format: "jsonl", sourcePath: "log")
        for s in 1...30 {
            b.add(key: "loss", step: s, value: 2 - Double(s) * 0.01)
            b.add(key: key, step: s, value: Double(s))
        }
        let run = b.build()
        let m = RecordingMeasurer()
        let charts = ChartFactory.charts(for: run, findings: [])
        #expect(!charts.isEmpty)
        for chart in charts { _ = chart.scene(width: 720, height: 400, measurer: m) }
        #expect(m.longestMeasured <= TextFitting.maxCharacters + 1)
    }
}
