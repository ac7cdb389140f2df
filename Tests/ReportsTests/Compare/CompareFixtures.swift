import CairoBackend
import Charts
import Diagnostics
import Foundation
import Ingest
import Reports
import RunModel
import TestSupport

/// Comparisons for renderer tests: small known runs with stand-in chart artwork, or SampleRuns.
enum CompareFixtures {
    /// Two runs of `ReportFixtures.run`: the second trains longer and reaches a lower eval loss.
    static func comparison(names: [String] = ["tiny-a", "tiny-b & co"]) -> Comparison {
        let runs = names.enumerated().map { index, name -> Run in
            var run = ReportFixtures.run(name: name)
            run.metadata.maxSteps = 300 * (index + 1)
            return run
        }
        return Comparison(
            runs: runs, diagnoses: runs.map { Diagnostician.diagnose($0) },
            charts: [ReportChart(kind: "loss", title: "Loss", description: "Training and eval loss of both runs by step.",
                                 artwork: FakeArtwork(label: "loss"))],
            unreadable: [PathFailure(path: "missing/run", message: "no such file or directory")])
    }

    static func sample(_ name: String) -> String { RepositoryPaths.sampleRuns.appendingPathComponent(name).path }

    static func options(_ formats: Set<ReportFormat> = ComparePipeline.supportedFormats, xAxis: ChartOptions.XAxis = .step) throws -> ReportOptions {
        try ReportOptions(formats: formats, templates: .builtIn(), charts: ChartOptions(xAxis: xAxis), createDate: "2024-05-01T00:00:00Z")
    }
}
