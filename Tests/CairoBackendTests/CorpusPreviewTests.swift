import Charts
import Foundation
import Ingest
import TestSupport
import Testing
@testable import CairoBackend

/// Renders the charts of the corpus's trainer_state.json files into `$CHART_PREVIEW_DIR`, read with
/// `RunLoader`. Skipped unless that variable is set and `../shared/corpus` exists.
struct CorpusPreviewTests {
    static let corpus = RepositoryPaths.corpus.map { URL(fileURLWithPath: $0).appendingPathComponent("hf-trainer-state") }
    static var enabled: Bool {
        ProcessInfo.processInfo.environment["CHART_PREVIEW_DIR"] != nil && corpus != nil
    }

    @Test(.enabled(if: enabled))
    func previewCorpusCharts() throws {
        let dir = ProcessInfo.processInfo.environment["CHART_PREVIEW_DIR"] ?? "/tmp"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let measurer = try CairoTextMeasurer()
        let files = try FileManager.default.contentsOfDirectory(at: try #require(Self.corpus), includingPropertiesForKeys: nil)
        for file in files.sorted(by: { $0.path < $1.path }) {
            let run = try RunLoader.load(file.path)
            let stem = file.lastPathComponent.components(separatedBy: "__").first ?? "run"
            for chart in ChartFactory.charts(for: run, findings: []) {
                let scene = chart.scene(width: 720, height: 400, measurer: measurer)
                try Data(try ChartRenderer.png(scene)).write(to: URL(fileURLWithPath: "\(dir)/corpus-\(stem)-\(chart.kind.rawValue).png"))
            }
        }
    }
}
