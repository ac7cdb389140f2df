import Ingest
import RunModel
import TestSupport
import Testing
@testable import Diagnostics

/// In an RL run the reward is the training signal, so the health table shows it (after the
/// validation loss) with the status of the findings about it; runs without a reward keep the seven
/// core rows.
@Suite struct RewardHealthRowTests {
    @Test func aCollapsedGRPORunShowsItsRewardAsWatch() throws {
        let path = RepositoryPaths.sampleRuns.appendingPathComponent("trl-grpo-collapse").path
        let diagnosis = Diagnostician.diagnose(try RunLoader.load(path))
        #expect(diagnosis.health.map(\.metric) == ["Training loss", "Validation loss", "Reward", "Perplexity",
                                                   "Learning rate", "Gradient norm", "GPU utilisation", "Tokens per second"])
        let row = try #require(diagnosis.health.first { $0.metric == "Reward" })
        #expect(row.series == "train/reward")
        #expect(row.status == .watch)
        #expect(row.observed.contains("max 0.6"))
    }

    @Test func aRunWithoutARewardHasNoRewardRow() {
        let diagnosis = Diagnostician.diagnose(SyntheticRun.healthy(seed: 2).build())
        #expect(!diagnosis.health.contains { $0.metric == "Reward" })
    }
}
