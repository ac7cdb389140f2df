import Testing
@testable import RunModel

@Suite struct RunBuilderTests {
    @Test func stepsGoingBackSupersedeTheEarlierPointsAndRecordARestart() {
        var b = RunBuilder(name: "r", format: "jsonl", sourcePath: "log.jsonl")
        for (step, v) in [(1, 3.0), (2, 2.5), (3, 2.0), (4, 9.0), (3, 2.1), (4, 1.9), (5, 1.8)] {
            b.add(key: "loss", step: step, value: v)
        }
        let run = b.build()
        #expect(run.series(.trainLoss)?.steps == [1, 2, 3, 4, 5])
        #expect(run.series(.trainLoss)?.values == [3.0, 2.5, 2.1, 1.9, 1.8])
        #expect(run.abandoned.first?.steps == [3, 4])
        #expect(run.provenance.restarts == [Restart(step: 3, abandonedThrough: 4, supersededPoints: 2)])
        #expect(run.segments == 2)
        #expect(run.warnings.contains { $0.kind == .repair && $0.message.contains("restart") })
    }

    @Test func aStepLoggedTwiceKeepsTheLaterValueAndSaysSo() {
        var b = RunBuilder(name: "r", format: "jsonl", sourcePath: "log.jsonl")
        b.add(key: "eval_loss", step: 100, value: 2.0)
        b.add(key: "eval_loss", step: 100, value: 1.9)
        let run = b.build()
        #expect(run.series(.evalLoss)?.values == [1.9])
        #expect(run.segments == 1)
        #expect(run.warnings.contains { $0.message.contains("1 step was logged twice") })
    }

    @Test func bulkAddingGivesTheSameRunAsAddingPointByPoint() {
        let steps = [1, 2, 3, 2, 3, 3, 4]
        let values = [5.0, 4.0, 3.0, 3.5, 2.5, 2.4, 2.0]
        var one = RunBuilder(name: "r", format: "x", sourcePath: "p")
        for i in steps.indices { one.add(name: "train/loss", key: "loss", role: .trainLoss, step: steps[i], wallTime: nil, value: values[i]) }
        var bulk = RunBuilder(name: "r", format: "x", sourcePath: "p")
        bulk.add(name: "train/loss", key: "loss", role: .trainLoss, steps: steps, values: values)
        let a = one.build(), b = bulk.build()
        // Compared field by field: Series' synthesized == treats the NaN "no wall time" as unequal.
        #expect(a.series.map(\.steps) == b.series.map(\.steps))
        #expect(a.series.map(\.values) == b.series.map(\.values))
        #expect(a.abandoned.map(\.steps) == b.abandoned.map(\.steps))
        #expect(a.provenance == b.provenance)
        #expect(a.provenance.restarts.count == 1)
        var clean = RunBuilder(name: "r", format: "x", sourcePath: "p")
        clean.add(name: "train/loss", key: "loss", role: .trainLoss, steps: [1, 2, 3], wallTimes: [10, 11, 12], values: [3, 2, 1])
        let run = clean.build()
        #expect(run.series(.trainLoss)?.wallTimes == [10, 11, 12])
        #expect(run.warnings.isEmpty)
    }
}

@Suite struct RunBuilderRepeatTests {
    @Test func theSamePointLoggedAgainIsNeitherKeptTwiceNorARepair() {
        var b = RunBuilder(name: "r", format: "jsonl", sourcePath: "log.jsonl")
        b.add(key: "epoch", step: 10, value: 0.5)
        b.add(key: "epoch", step: 10, value: 0.5)
        b.add(key: "epoch", step: 20, value: 1.0)
        let run = b.build()
        #expect(run.series(.epoch)?.steps == [10, 20])
        #expect(run.provenance.issues.isEmpty)
    }
}

@Suite struct StepRuleTests {
    @Test func pointsWithAStepOutsideZeroTo2Pow53AreSkippedAndSaidPerSeries() {
        var b = RunBuilder(name: "r", format: "tfevents", sourcePath: "events")
        b.add(key: "loss", step: Int.min, value: 9)
        for s in 1...3 { b.add(key: "loss", step: s, value: Double(s)) }
        b.add(key: "loss", step: Int.max, value: 9)
        b.add(name: "train/learning_rate", key: "lr", role: .learningRate, steps: [1, -1, 2, StepRule.largest + 1],
              values: [1, 2, 3, 4])
        b.metadata.maxSteps = Int.min
        b.metadata.globalStep = 3
        let run = b.build()
        #expect(run.series(.trainLoss)?.steps == [1, 2, 3])
        #expect(run.series(.learningRate)?.steps == [1, 2])
        #expect(run.segments == 1)
        #expect(run.warnings.contains { $0.kind == .repair && $0.message.hasPrefix("train/loss: 2 points have a step that is not a whole number from 0 to 2^53 (first: -9223372036854775808)") })
        #expect(run.warnings.contains { $0.message.hasPrefix("train/learning_rate: 2 points") })
        #expect(run.metadata.maxSteps == nil)
        #expect(run.metadata.globalStep == 3)
    }

    @Test func aSeriesWhoseEveryStepIsAbsurdIsNotKeptEmpty() {
        var b = RunBuilder(name: "r", format: "jsonl", sourcePath: "log")
        b.add(key: "loss", step: -5, value: 1)
        #expect(b.build().series.isEmpty)
    }

    @Test func wholeNumbersBeyondIntAreClampedSoTheyAreSkippedNotRefused() {
        #expect(StepRule.whole(1e30) == Int.max)
        #expect(StepRule.whole(-1e30) == Int.min)
        #expect(StepRule.whole(0x1p63) == Int.max)
        #expect(StepRule.whole(12) == 12)
        #expect(StepRule.whole(1.5) == nil)
        #expect(StepRule.whole(.infinity) == nil)
        #expect(StepRule.step(exactly: 0x1p53) == StepRule.largest)
        #expect(StepRule.step(exactly: -1) == nil)
    }
}

@Suite struct RunMetadataExtraTests {
    /// 100,000 MLflow params once cost a linear search each.
    @Test func setExtraKeepsFirstSetOrderReplacesValuesAndScales() {
        var m = RunMetadata()
        m.setExtra("b", "1")
        m.setExtra("a", "2")
        m.setExtra("b", "3")
        #expect(m.extra.map(\.key) == ["b", "a"])
        #expect(m.extra.map(\.value) == ["3", "2"])
        for k in 0..<100_000 { m.setExtra("params.p\(k)", "v") }
        #expect(m.extra.count == 100_002)
    }
}
