import Charts
import Foundation
import Testing
@testable import CairoBackend

/// Writes every chart of the synthetic runs as PNG into `$CHART_PREVIEW_DIR`, for looking at them.
/// Skipped unless that variable is set.
@Test(.enabled(if: ProcessInfo.processInfo.environment["CHART_PREVIEW_DIR"] != nil))
func previewChartsOfSyntheticRuns() throws {
    let dir = ProcessInfo.processInfo.environment["CHART_PREVIEW_DIR"] ?? "/tmp"
    let measurer = try CairoTextMeasurer()
    for pathology in [SyntheticRuns.Pathology.healthy, .overfit, .explode, .restart] {
        let run = SyntheticRuns.run(pathology)
        for chart in ChartFactory.charts(for: run, findings: SyntheticRuns.findings(pathology)) {
            let scene = chart.scene(width: 720, height: 400, measurer: measurer)
            let png = try ChartRenderer.png(scene)
            try Data(png).write(to: URL(fileURLWithPath: "\(dir)/\(pathology)-\(chart.kind.rawValue).png"))
        }
    }
}
