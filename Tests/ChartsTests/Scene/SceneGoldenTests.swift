import Diagnostics
import RunModel
import TestSupport
import Testing
@testable import Charts

/// Golden text dumps of the main chart kinds (review the files by eye when re-recording).
struct SceneGoldenTests {
    let measurer = ApproximateTextMeasurer()

    func chart(_ kind: ChartKind, _ pathology: SyntheticRuns.Pathology) throws -> Chart {
        let charts = ChartFactory.charts(for: SyntheticRuns.run(pathology, steps: 400), findings: SyntheticRuns.findings(pathology, steps: 400))
        return try #require(charts.first { $0.kind == kind })
    }

    @Test(arguments: [
        (ChartKind.loss, SyntheticRuns.Pathology.overfit),
        (.loss, .explode),
        (.loss, .restart),
        (.learningRate, .healthy),
        (.gradNorm, .explode),
        (.throughput, .healthy),
        (.evalMetrics, .healthy),
        (.perplexity, .healthy),
    ])
    func sceneMatchesGolden(kind: ChartKind, pathology: SyntheticRuns.Pathology) throws {
        let scene = try chart(kind, pathology).scene(width: 640, height: 360, measurer: measurer)
        try Golden.check(scene.dump(), named: "\(kind.rawValue)-\(pathology)")
    }
}
