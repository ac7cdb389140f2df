import Foundation
import Ingest
import RunModel
import TestSupport
import Testing
@testable import Diagnostics

/// Runs read from W&B files (Tests/IngestTests/Fixtures/wandb) reach the rules and the health table:
/// system metrics feed the GPU row and `low-gpu-utilization`, console lines feed `oom`.
@Suite struct WandbRunDiagnosisTests {
    static let fixtures = RepositoryPaths.root.appendingPathComponent("Tests/IngestTests/Fixtures/wandb").path

    @Test func gpuSystemMetricsFeedTheHealthTableAndTheUtilisationRule() throws {
        let diagnosis = Diagnostician.diagnose(try RunLoader.load(Self.fixtures + "/gpu-stats/wandb"))
        let ids = diagnosis.findings.map(\.id)
        #expect(ids.contains("low-gpu-utilization") && ids.contains("oom"))
        let row = try #require(diagnosis.health.first { $0.series == "system/gpu_utilization" })
        #expect(row.status == .watch && row.observed.contains("median"))
    }

    @Test func aCleanHFTrainerRunIsHealthy() throws {
        let diagnosis = Diagnostician.diagnose(try RunLoader.load(Self.fixtures + "/hf-trainer/wandb"))
        #expect(diagnosis.verdict == .healthy, "\(diagnosis.findings.map(\.id))")
    }
}
