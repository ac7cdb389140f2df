import Foundation
import Diagnostics
import RunModel
import Testing
@testable import Charts

struct MetricGroupChartTests {
    /// A TRL GRPO-like run with `extra` more series under `custom/`.
    func run(extra: Int = 0) -> Run {
        var b = RunBuilder(name: "grpo", format: "test", sourcePath: "t")
        for s in stride(from: 10, through: 200, by: 10) {
            let x = Double(s)
            b.add(key: "loss", step: s, value: 0.01 * sin(x))
            b.add(key: "learning_rate", step: s, value: 1e-6)
            b.add(key: "epoch", step: s, value: x / 200)
            for key in ["kl", "entropy", "reward", "reward_std", "frac_reward_zero_std", "rewards/fmt/mean", "rewards/fmt/std",
                        "completions/mean_length", "completions/clipped_ratio", "system/gpu.0.memoryAllocated"] {
                b.add(key: key, step: s, value: x / 100)
            }
            for i in 0..<extra { b.add(key: "custom/m\(i)", step: s, value: Double(i)) }
        }
        return b.build()
    }

    func panelSeries(_ charts: [Chart]) -> [String] {
        charts.filter { $0.kind == .metricGroup }.flatMap { chart in
            chart.panels.compactMap { panel in
                let prefix = String(chart.title.dropFirst("Other metrics: ".count).prefix { $0 != " " })
                let label = panel.title?.components(separatedBy: " (").first ?? ""
                return prefix.hasSuffix("/") ? prefix + label : label
            }
        }
    }

    @Test func everySeriesNoOtherChartDrawsGetsAPanelGroupedByPrefix() {
        let r = run()
        let charts = ChartFactory.charts(for: r, findings: [])
        let titles = charts.filter { $0.kind == .metricGroup }.map(\.title)
        // The reward's group first (an RL run optimises it), system metrics last.
        #expect(titles == ["Other metrics: train/", "Other metrics: rewards/", "Other metrics: completions/", "Other metrics: system/"])
        let drawn = Set(panelSeries(charts))
        for name in ["train/reward", "train/kl", "train/entropy", "train/frac_reward_zero_std", "rewards/fmt/mean",
                     "completions/clipped_ratio", "system/gpu.0.memoryAllocated"] {
            #expect(drawn.contains(name), "\(name) is not charted")
        }
        #expect(!drawn.contains("train/loss") && !drawn.contains("train/epoch"))
        #expect(MetricGroupChart.unchartedSeries(r).isEmpty)
        let first = charts.first { $0.kind == .metricGroup }
        #expect(first?.panels.first?.title == "reward (higher is better)")
        #expect(first?.slug == "metrics-train")
    }

    @Test func beyondTheCapSeriesAreListedByName() {
        let r = run(extra: 40)
        let charts = ChartFactory.charts(for: r, findings: [])
        let panels = charts.filter { $0.kind == .metricGroup }.flatMap(\.panels)
        #expect(panels.count == MetricGroupChart.maxPanels)
        #expect(charts.filter { $0.kind == .metricGroup }.allSatisfy { $0.panels.count <= MetricGroupChart.maxPanelsPerChart })
        let uncharted = MetricGroupChart.unchartedSeries(r)
        #expect(uncharted.count == 50 - MetricGroupChart.maxPanels)
        #expect(Set(uncharted).isDisjoint(with: Set(panelSeries(charts))))
        // Charts of one prefix split into parts keep unique ids.
        let slugs = charts.compactMap(\.slug)
        #expect(Set(slugs).count == slugs.count)
    }
}
