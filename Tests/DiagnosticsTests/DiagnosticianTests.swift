import Testing
@testable import Diagnostics
import RunModel

@Suite struct DiagnosticianTests {
    @Test func findingsAreSortedBySeverityThenIdThenStep() {
        let a = Finding(id: "b-rule", severity: .warning, title: "x", message: "", steps: 50...60)
        let b = Finding(id: "a-rule", severity: .warning, title: "x", message: "", steps: 90...90)
        let c = Finding(id: "a-rule", severity: .warning, title: "x", message: "", steps: 10...20)
        let d = Finding(id: "z-rule", severity: .error, title: "x", message: "")
        let e = Finding(id: "a-rule", severity: .info, title: "x", message: "")
        let sorted = [a, b, c, d, e].sorted(by: Diagnostician.order)
        #expect(sorted == [d, c, b, a, e])
    }

    @Test func verdictFollowsTheWorstSeverityWithAReason() {
        let error = Finding(id: "loss-nonfinite", severity: .error, title: "Training diverged", message: "")
        let warning = Finding(id: "overfitting", severity: .warning, title: "eval/loss worsened", message: "")
        let info = Finding(id: "lr-schedule", severity: .info, title: "schedule", message: "")
        #expect(Diagnostician.verdict(for: [error, warning]).0 == .failed)
        #expect(Diagnostician.verdict(for: [error, warning]).1.hasPrefix("Training diverged"))
        #expect(Diagnostician.verdict(for: [warning, info]).0 == .attention)
        #expect(Diagnostician.verdict(for: [warning, info]).1.hasPrefix("eval/loss worsened"))
        #expect(Diagnostician.verdict(for: [info]).0 == .healthy)
        #expect(Diagnostician.verdict(for: []) == (.healthy, "No rule found anything to report."))
    }

    @Test func aDivergedRunFails() {
        var run = SyntheticRun.healthy(seed: 1)
        SyntheticRun.bend(&run.train, from: 1300) { _, _ in .nan }
        SyntheticRun.bend(&run.gradNorm, from: 1300) { _, _ in .nan }
        let diagnosis = Diagnostician.diagnose(run.build())
        #expect(diagnosis.verdict == .failed)
        #expect(diagnosis.findings.first?.id == "loss-nonfinite")
        #expect(diagnosis.health.first { $0.metric == "Training loss" }?.status == .problem)
        #expect(diagnosis.health.first { $0.metric == "Gradient norm" }?.status == .problem)
    }

    /// hf-nan-loss once showed "Perplexity: final 28.11 ... ok" beside two losses ending in NaN.
    @Test func perplexityOfALossEndingNonFiniteIsAProblemWithNoFinalValue() throws {
        var run = SyntheticRun.healthy(seed: 4)
        SyntheticRun.bend(&run.train, from: 1300) { _, _ in .nan }
        SyntheticRun.bend(&run.eval, from: 1300) { _, _ in .nan }
        let row = try #require(Diagnostician.diagnose(run.build()).health.first { $0.metric == "Perplexity" })
        #expect(row.status == .problem)
        #expect(row.observed.contains("ends non-finite"))
        #expect(!row.observed.contains("final"))
    }

    @Test func theHealthTableHasOneRowPerCoreMetric() {
        let diagnosis = Diagnostician.diagnose(SyntheticRun.healthy(seed: 2).build())
        #expect(diagnosis.health.map(\.metric) == ["Training loss", "Validation loss", "Perplexity", "Learning rate",
                                                   "Gradient norm", "GPU utilisation", "Tokens per second"])
        let status = Dictionary(uniqueKeysWithValues: diagnosis.health.map { ($0.metric, $0.status) })
        #expect(status["Training loss"] == .ok)
        #expect(status["Perplexity"] == .ok)
        #expect(status["GPU utilisation"] == .notLogged)
        #expect(diagnosis.health.first { $0.metric == "Learning rate" }?.observed.contains("cosine decay") == true)
        #expect(diagnosis.health.first { $0.metric == "Tokens per second" }?.observed.contains("tokens/s") == true)
    }

    @Test func perplexityNeedsSignsOfALanguageModelLoss() {
        var run = SyntheticRun.healthy(seed: 3)
        run.tokensPerSecond = []
        let row = Diagnostician.diagnose(run.build()).health.first { $0.metric == "Perplexity" }
        #expect(row?.status == .notLogged)
    }
}
