import Testing
@testable import Diagnostics
import RunModel

@Suite struct BestCheckpointTests {
    /// A classifier: eval loss best at step 400, accuracy best at step 1000; optionally a step-0 evaluation.
    func classifier(bestMetric: Double? = nil, stepZero: Bool = false) -> Run {
        classifierRun(bestMetric: bestMetric, stepZero: stepZero).build()
    }

    func classifierRun(bestMetric: Double? = nil, stepZero: Bool = false) -> SyntheticRun {
        var run = SyntheticRun.healthy(seed: 9, steps: 1000, evalEvery: 200)
        run.tokensPerSecond = []  // a classifier: no token counts
        let loss: [Int: Double] = [200: 0.40, 400: 0.30, 600: 0.33, 800: 0.36, 1000: 0.39]
        let accuracy: [Int: Double] = [200: 0.80, 400: 0.85, 600: 0.87, 800: 0.88, 1000: 0.90]
        run.eval = loss.sorted { $0.key < $1.key }.map { .init(step: $0.key, value: $0.value) }
        run.extra["eval_accuracy"] = accuracy.sorted { $0.key < $1.key }.map { .init(step: $0.key, value: $0.value) }
        if stepZero {
            run.eval.insert(.init(step: 0, value: 0.1), at: 0)
            run.extra["eval_accuracy"]!.insert(.init(step: 0, value: 0.95), at: 0)
        }
        run.metadata.bestMetric = bestMetric
        return run
    }

    @Test func aClassifierIsJudgedByItsTaskMetricAndTheDisagreementIsStated() throws {
        let run = classifier()
        #expect(run.kind == .classification)
        let best = try #require(BestCheckpoint.choose(for: run))
        #expect(best.metric == "eval/accuracy")
        #expect(best.step == 1000)
        #expect(best.basis == .taskMetric)
        #expect(best.checkpoint == "checkpoint-1000")
        let text = try #require(best.disagreement)
        #expect(text.contains("eval/loss is lowest at step 400"))
        #expect(text.contains("where eval/accuracy is 0.85, 0.05 below its best"))  // choosing by loss costs 0.05 accuracy
    }

    @Test func theRunsOwnMetricForBestModelWins() throws {
        // best_metric 0.85 is the accuracy at step 400: the run chose by eval_accuracy and recorded it.
        var run = classifierRun(bestMetric: 0.85)
        run.metadata.bestGlobalStep = 400
        let best = try #require(BestCheckpoint.choose(for: run.build()))
        #expect(best.basis == .runSetting)
        #expect(best.metric == "eval/accuracy")
        #expect(best.step == 400)
    }

    @Test func theTrainersDefaultEvalLossDoesNotOverrideTheTaskMetric() throws {
        let best = try #require(BestCheckpoint.choose(for: classifier(bestMetric: 0.30)))
        #expect(best.basis == .taskMetric)
        #expect(best.step == 1000)
    }

    @Test func anEvaluationBeforeTrainingIsNeverBest() throws {
        let best = try #require(BestCheckpoint.choose(for: classifier(stepZero: true)))
        #expect(best.step == 1000)
        #expect(best.value == 0.90)
    }

    @Test func aLanguageModelIsJudgedByEvalLoss() throws {
        let best = try #require(BestCheckpoint.choose(for: SyntheticRun.healthy(seed: 2).build()))
        #expect(best.metric == "eval/loss")
        #expect(best.basis == .evalLoss)
    }

    @Test func theNearestSavedCheckpointIsNamedWhenTheBestStepHasNone() throws {
        var run = classifierRun()
        run.metadata.saveSteps = 300  // saves at 300, 600, 900; accuracy is best at 1000
        let best = try #require(BestCheckpoint.choose(for: run.build()))
        #expect(best.step == 1000)
        #expect(best.checkpoint == "checkpoint-900")
        #expect(best.checkpointNote.contains("no checkpoint was saved at step 1000"))
    }

    @Test func validationIsPreferredToTestAndTestAloneComesWithACaveat() throws {
        var run = classifierRun()
        run.extra["test_accuracy"] = [.init(step: 200, value: 0.99)]
        #expect(try #require(BestCheckpoint.choose(for: run.build())).metric == "eval/accuracy")
        var testOnly = SyntheticRun.healthy(seed: 1, steps: 100, evalEvery: nil)
        testOnly.extra["test_loss"] = [.init(step: 50, value: 0.5), .init(step: 100, value: 0.4)]
        let best = try #require(BestCheckpoint.choose(for: testOnly.build()))
        #expect(best.basis == .test)
        #expect(best.sentence.contains("leaks"))
    }
}
