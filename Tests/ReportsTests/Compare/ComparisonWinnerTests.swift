import Diagnostics
import Testing
@testable import Reports

struct ComparisonWinnerTests {
    private func run(_ name: String, evalLoss: Double? = nil, train: Double? = 2, metrics: [ComparedMetric] = [],
                     verdict: Verdict = .healthy) -> ComparedRun {
        ComparedRun(name: name, verdict: verdict, bestEvalLoss: evalLoss.map { StepValue($0, at: 400) },
                    finalEvalLoss: evalLoss.map { StepValue($0, at: 400) }, finalTrainLoss: train.map { StepValue($0, at: 500) },
                    evalMetrics: metrics)
    }

    private func accuracy(_ value: Double) -> ComparedMetric {
        ComparedMetric(name: "eval/accuracy", higherIsBetter: true, best: StepValue(value, at: 300), final: StepValue(value, at: 300))
    }

    @Test func lowerBestEvalLossWinsWithItsMargin() throws {
        let w = ComparisonWinner.decide([run("a", evalLoss: 2.5), run("b", evalLoss: 2.0), run("c", evalLoss: 3.0)])
        #expect(w.basis == .evalLoss)
        #expect(w.winner == 1)
        #expect(w.ranking.map(\.run) == [1, 0, 2])
        #expect(w.margin == 0.5)
        #expect(w.relativeMargin == 0.2)
        #expect(w.comparable)
        #expect(w.caveat == nil)
        #expect(w.sentence == "b is best by best eval loss: 2 at step 400, 0.5 (20.0%) lower than a (2.5 at step 400).")
    }

    @Test func higherAccuracyWinsWhenNotEveryRunLoggedEvalLoss() throws {
        let w = ComparisonWinner.decide([run("a", evalLoss: 1.0, metrics: [accuracy(0.70)]), run("b", metrics: [accuracy(0.75)])])
        #expect(w.basis == .evalMetric)
        #expect(w.metric == "eval/accuracy")
        #expect(w.higherIsBetter)
        #expect(w.winner == 1)
        #expect(abs((w.margin ?? 0) - 0.05) < 1e-12)
        #expect(w.sentence.hasPrefix("b is best by best eval accuracy: 0.75 at step 300, 0.05 (7.1%) higher than a (0.7 at step 300)."))
        #expect(w.caveat?.contains("b logged no eval loss") == true)
    }

    @Test func classifiersAreRankedByTheMetricThatChoosesTheirBestCheckpoint() throws {
        // b has the lower eval loss but a the higher accuracy: for classifiers, accuracy decides and is named.
        var a = run("a", evalLoss: 0.40, metrics: [accuracy(0.92)])
        var b = run("b", evalLoss: 0.30, metrics: [accuracy(0.88)])
        a.checkpointMetric = "eval/accuracy"
        b.checkpointMetric = "eval/accuracy"
        let w = ComparisonWinner.decide([a, b])
        #expect(w.basis == .evalMetric)
        #expect(w.metric == "eval/accuracy")
        #expect(w.winner == 0)
        #expect(w.sentence.hasPrefix("a is best by best eval accuracy"))
        // Runs that choose by different metrics fall back to the shared eval loss.
        b.checkpointMetric = nil
        #expect(ComparisonWinner.decide([a, b]).basis == .evalLoss)
    }

    @Test func valuesWithinATenthOfAPercentTieAndNameNoWinner() throws {
        let w = ComparisonWinner.decide([run("a", evalLoss: 2.0000), run("b", evalLoss: 2.0010), run("c", evalLoss: 2.5)])
        #expect(w.winner == nil)
        #expect(w.tied == [0, 1])
        #expect(w.sentence.hasPrefix("a and b tie for best by best eval loss, within 0.1%"))
        let apart = ComparisonWinner.decide([run("a", evalLoss: 2.0), run("b", evalLoss: 2.01)])
        #expect(apart.winner == 0)
    }

    @Test func withoutAnyEvalTheFinalTrainingLossDecidesWithACaveat() throws {
        let w = ComparisonWinner.decide([run("a", train: 1.8), run("b", train: 1.5)])
        #expect(w.basis == .trainLoss)
        #expect(w.winner == 1)
        #expect(w.comparable)
        #expect(w.caveat == "no run logged an eval metric; training loss is not evidence of generalisation")
        #expect(w.sentence.contains("Caveat: no run logged an eval metric; training loss is not evidence of generalisation."))
    }

    @Test func differentEvalMetricsAreNotComparable() throws {
        let w = ComparisonWinner.decide([run("a", evalLoss: 2.0, train: 1.2), run("b", train: 1.9, metrics: [accuracy(0.8)])])
        #expect(w.basis == .trainLoss)
        #expect(!w.comparable)
        #expect(w.winner == 0)
        #expect(w.caveat?.hasPrefix("not comparable on held-out data: the runs share no eval metric (a: loss; b: accuracy)") == true)
    }

    @Test func aSharedMetricWithoutADirectionCannotDecide() throws {
        let custom = ComparedMetric(name: "eval/custom", higherIsBetter: nil, best: StepValue(1, at: 1), final: StepValue(1, at: 1))
        let w = ComparisonWinner.decide([run("a", metrics: [custom]), run("b", train: 1, metrics: [custom])])
        #expect(w.basis == .trainLoss)
        #expect(w.winner == 1)
        #expect(!w.comparable)
        #expect(w.caveat?.hasPrefix("the eval metrics every run logged (custom) do not say whether higher or lower is better") == true)
    }

    @Test func aDivergedRunIsRankedLastAndNamed() throws {
        let w = ComparisonWinner.decide([run("a", train: .nan), run("b", train: 2.2), run("c", train: 2.0)])
        #expect(w.ranking.map(\.run) == [2, 1])
        #expect(w.winner == 2)
        #expect(w.sentence.contains("a ended non-finite and is ranked last."))
    }

    @Test func runsWithNothingSharedCannotBeRanked() throws {
        let w = ComparisonWinner.decide([run("a", train: nil), run("b", train: 2)])
        #expect(w.basis == .none)
        #expect(w.winner == nil)
        #expect(w.sentence == "The runs cannot be ranked: no eval metric ranks them and a logged no training loss.")
    }

    @Test func aFailedWinnerIsFlagged() throws {
        let w = ComparisonWinner.decide([run("a", evalLoss: 1.0, verdict: .failed), run("b", evalLoss: 2.0)])
        #expect(w.winner == 0)
        #expect(w.sentence.hasSuffix("Note: a was judged failed; read its findings before using it."))
    }
}
