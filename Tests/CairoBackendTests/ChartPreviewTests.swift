import Charts
import Foundation
import TestSupport
import Testing
@testable import CairoBackend

/// Writes every chart of the synthetic runs (plus excerpts and a comparison) as PNG into
/// `$CHART_PREVIEW_DIR`, for looking at them. Skipped unless that variable is set.
@Test(.enabled(if: ProcessInfo.processInfo.environment["CHART_PREVIEW_DIR"] != nil))
func previewChartsOfSyntheticRuns() throws {
    let dir = ProcessInfo.processInfo.environment["CHART_PREVIEW_DIR"] ?? "/tmp"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let measurer = try CairoTextMeasurer()
    func write(_ chart: Chart, _ name: String) throws {
        let scene = chart.scene(width: 720, height: 400, measurer: measurer)
        try Data(try ChartRenderer.png(scene)).write(to: URL(fileURLWithPath: "\(dir)/\(name).png"))
    }
    if let loss = ChartFactory.charts(for: SyntheticRuns.run(.overfit), findings: SyntheticRuns.findings(.overfit)).first {
        let scene = loss.scene(width: 720, height: 400, measurer: measurer)
        try Data(try ChartRenderer.pdf(scene)).write(to: URL(fileURLWithPath: "\(dir)/overfit-loss.pdf"))
        try Data(try ChartRenderer.svg(scene)).write(to: URL(fileURLWithPath: "\(dir)/overfit-loss.svg"))
    }
    for pathology in [SyntheticRuns.Pathology.healthy, .overfit, .explode, .restart] {
        let run = SyntheticRuns.run(pathology)
        let findings = SyntheticRuns.findings(pathology)
        for chart in ChartFactory.charts(for: run, findings: findings) {
            try write(chart, "\(pathology)-\(chart.kind.rawValue)")
        }
        for finding in findings {
            if let chart = ChartFactory.excerpt(for: finding, run: run) { try write(chart, "\(pathology)-excerpt-\(finding.id)") }
        }
    }
    let runs = [SyntheticRuns.run(.healthy), SyntheticRuns.run(.overfit, seed: 11), SyntheticRuns.run(.explode, seed: 5)]
    for chart in ChartFactory.comparison(runs: runs) { try write(chart, "compare-\(chart.kind.rawValue)") }
}
