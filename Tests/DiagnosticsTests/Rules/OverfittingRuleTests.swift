import Foundation
import Testing
@testable import Diagnostics
import RunModel

@Suite struct OverfittingRuleTests {
    let rule = OverfittingRule()

    /// Healthy run whose eval loss turns upward after 40% of the run, as synth_run.py's `overfit`.
    func overfitting(seed: UInt64 = 1) -> SyntheticRun {
        var run = SyntheticRun.healthy(seed: seed)
        SyntheticRun.bend(&run.eval, from: 800) { step, v in v + 1.5 * pow(Double(step) / 2000 - 0.4, 1.3) }
        return run
    }

    @Test func firesFromTheBestEvalToTheLastWithTheCheckpointToUse() throws {
        let found = findings(rule, overfitting().build())
        let f = try #require(found.first)
        #expect(found.count == 1)
        #expect(f.severity == .warning)
        #expect(f.steps == 800...2000)
        #expect(f.metric == "eval/loss")
        #expect(found.evidence("best_step") == .integer(800))
        #expect(found.evidence("evals_since_best") == .integer(6))
        #expect(found.evidence("checkpoint") == .text("checkpoint-800"))
        #expect(f.fixes.contains { $0.contains("load_best_model_at_end=True") && $0.contains("eval_loss") })
        #expect(f.fixes.contains { $0.contains("EarlyStoppingCallback(early_stopping_patience=") })
    }

    @Test func namesTheNearestSavedCheckpointWhenSavesAreSparser() throws {
        var run = overfitting()
        run.metadata.saveSteps = 500
        #expect(findings(rule, run.build()).evidence("checkpoint") == .text("checkpoint-1000"))
        run.metadata.bestModelCheckpoint = "out/checkpoint-800"
        #expect(findings(rule, run.build()).evidence("checkpoint") == .text("out/checkpoint-800"))
    }

    @Test func knowsThatAccuracyIsBetterHigher() throws {
        var run = SyntheticRun.healthy(seed: 2)
        run.extra["eval_accuracy"] = run.eval.map { p in
            let t = Double(p.step) / 2000
            return .init(step: p.step, value: t < 0.5 ? 0.6 + 0.5 * t : 0.85 - 0.3 * (t - 0.5))
        }
        let found = findings(rule, run.build())
        #expect(found.first?.metric == "eval/accuracy")
        #expect(found.first?.steps == 1000...2000)
        #expect(found.first?.fixes.contains { $0.contains("greater_is_better=True") } == true)
    }

    @Test func doesNotFireOnASmallWorsening() {
        var run = SyntheticRun.healthy(seed: 3)
        SyntheticRun.bend(&run.eval, from: 1400) { _, v in v * 1.03 }
        #expect(findings(rule, run.build()).isEmpty)
    }

    @Test func doesNotFireWhenOnlyTheLastEvalIsWorse() {
        var run = SyntheticRun.healthy(seed: 4)
        SyntheticRun.bend(&run.eval, from: 2000) { _, v in v * 1.3 }
        #expect(findings(rule, run.build()).isEmpty)
        #expect(!findings(rule, run.build(), overrides: ["patience": 1]).isEmpty)
    }

    @Test func saysItIsNotClassicOverfittingWhenTheTrainingLossRoseToo() throws {
        var run = overfitting()
        SyntheticRun.bend(&run.train, from: 800) { step, v in v + 2 * Double(step - 800) / 1200 }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.message.contains("not classic overfitting"))
        #expect(f.fixes.first?.contains("Lower learning_rate") == true)
    }

    @Test func precisionAndRecallTradeOffAndAreLeftOut() {
        var run = SyntheticRun.healthy(seed: 6)
        run.extra["eval_recall"] = run.eval.map { .init(step: $0.step, value: $0.step <= 400 ? 1.0 : 0.85) }
        #expect(findings(rule, run.build()).isEmpty)
    }

    @Test func saysNothingWithTwoEvaluations() {
        var run = SyntheticRun.healthy(seed: 5, steps: 400)
        run.eval = [.init(step: 200, value: 1.5), .init(step: 400, value: 2.5)]
        #expect(findings(rule, run.build()).isEmpty)
    }

    /// The percentage is that of the recent level (median of the last 3 evaluations), so the message
    /// must show that level when the last evaluation alone is not it (a noisy validation curve).
    @Test func theMessageShowsTheMedianThePercentageIsComputedFrom() throws {
        var run = SyntheticRun.healthy(seed: 7, steps: 400, evalEvery: 40)
        run.eval = [1.9, 1.5, 1.2, 1.0, 0.8, 1.6, 1.7, 1.8, 0.82].enumerated().map { .init(step: 40 * ($0.offset + 1), value: $0.element) }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.message.contains("rose to 0.82 at step 360 (the median of the last 3 evaluations, 1.7, is 112% worse)"), "\(f.message)")
    }

    /// A garbled epoch (1e300) once trapped converting it to an `Int` for the num_train_epochs fix.
    @Test func aGarbledEpochGivesTheGenericFixInsteadOfCrashing() throws {
        var run = overfitting()
        run.epoch = run.epoch.map { .init(step: $0.step, value: 1e300) }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.fixes.contains { $0.hasPrefix("Train for fewer steps or epochs (num_train_epochs / max_steps)") })
    }

    /// A classifier whose eval loss rises after step 400 while accuracy improves to the end: the finding
    /// stays, but points at the accuracy's best checkpoint and drops "stop early".
    @Test func aClassifierWhoseAccuracyKeepsImprovingKeepsTheAccuracysCheckpoint() throws {
        var run = SyntheticRun.healthy(seed: 9, steps: 1000, evalEvery: 200)
        run.tokensPerSecond = []
        run.eval = [(200, 0.40), (400, 0.30), (600, 0.36), (800, 0.40), (1000, 0.44)].map { .init(step: $0.0, value: $0.1) }
        run.extra["eval_accuracy"] = [(200, 0.80), (400, 0.85), (600, 0.87), (800, 0.88), (1000, 0.90)].map { .init(step: $0.0, value: $0.1) }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.metric == "eval/loss")
        #expect(f.message.contains("eval/accuracy did not worsen"))
        #expect(f.fixes.first == "Keep checkpoint-1000, where eval/accuracy is best, not the eval-loss minimum; judge the model by the task metric.")
        #expect(f.fixes.contains { $0.contains("metric_for_best_model=\"eval_accuracy\"") })
        #expect(!f.fixes.contains { $0.hasPrefix("Stop early") })
    }
}
