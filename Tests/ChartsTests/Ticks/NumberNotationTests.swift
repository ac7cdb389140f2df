import RunModel
import Testing
@testable import Charts

/// Losses, norms and learning rates are written in scientific form when large; counts and rates keep
/// SI suffixes. Small values take an exponent either way.
struct NumberNotationTests {
    @Test func aSingleLargeValue() {
        #expect(TickFormatter.format(4.466e12, notation: .scientific) == "4.47e12")
        #expect(TickFormatter.format(4.466e12) == "4.466T")
        #expect(TickFormatter.format(-25_000, notation: .scientific) == "-2.5e4")
        #expect(TickFormatter.format(12_345, notation: .scientific) == "1.23e4")
        #expect(TickFormatter.format(2.5e-5, notation: .scientific) == "2.5e-5")
        #expect(TickFormatter.format(2.31, notation: .scientific) == "2.31")
    }

    @Test func linearTicks() {
        let ticks = [0.0, 20_000, 40_000, 60_000]
        #expect(TickFormatter.labels(for: ticks, step: 20_000, notation: .scientific).labels == ["0", "2e4", "4e4", "6e4"])
        #expect(TickFormatter.labels(for: ticks, step: 20_000).labels == ["0", "20k", "40k", "60k"])
        let quarter = TickFormatter.labels(for: [0, 25_000, 50_000], step: 25_000, notation: .scientific)
        #expect(quarter.labels == ["0", "2.5e4", "5e4"])
    }

    @Test func logTicks() {
        #expect(TickFormatter.logLabels(for: [1, 100, 10_000, 1e6], notation: .scientific) == ["1", "100", "1e4", "1e6"])
        #expect(TickFormatter.logLabels(for: [1, 100, 10_000, 1e6]) == ["1", "100", "10k", "1M"])
    }

    /// A loss that blows up to 4.47e12 once: its off-scale label and the chart's description say so
    /// in scientific form, the way the training framework printed it.
    @Test func anOffScaleLossIsLabelledInScientificForm() throws {
        var b = RunBuilder(name: "blown", format: "synthetic", sourcePath: "synthetic")
        for s in stride(from: 10, through: 600, by: 10) {
            b.add(key: "loss", step: s, value: s == 300 ? 4.466e12 : 3 - Double(s) / 600)
        }
        let chart = try #require(ChartFactory.charts(for: b.build(), findings: []).first { $0.kind == .loss })
        #expect(chart.description.contains("the most extreme 4.47e12 at step 300"))
        let scene = chart.scene(width: 640, height: 360, measurer: ApproximateTextMeasurer())
        let texts = scene.primitives.compactMap { p -> String? in
            if case let .text(s, _, _) = p { return s }
            return nil
        }
        #expect(texts.contains("off scale: 4.47e12"))
    }

    @Test func throughputKeepsSISuffixes() throws {
        var b = RunBuilder(name: "fast", format: "synthetic", sourcePath: "synthetic")
        for s in stride(from: 10, through: 600, by: 10) {
            b.add(key: "loss", step: s, value: 2)
            b.add(key: "train_tokens_per_second", step: s, value: 52_000 + Double(s))
        }
        let chart = try #require(ChartFactory.charts(for: b.build(), findings: []).first { $0.kind == .throughput })
        #expect(chart.panels[0].y.notation == .si)
    }
}
