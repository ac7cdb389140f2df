import Foundation
import Testing
@testable import Diagnostics
import RunModel

/// The story linking a failed or degraded run's findings, and the verdict reason that names its cause.
@Suite struct RootCauseTests {
    /// SGD-like run: the LR warms up to `peak` over most of the run; the loss turns NaN at step 230
    /// after the gradient norm grew.
    static func diverging(peak: Double, clipping: String? = "0.0") -> SyntheticRun {
        var run = SyntheticRun.healthy(seed: 7, steps: 300, logEvery: 10, evalEvery: 50, peakLR: peak, warmupFraction: 0.8)
        SyntheticRun.bend(&run.gradNorm, from: 150) { step, v in v * pow(1.5, Double(step - 140) / 10) }
        SyntheticRun.bend(&run.train, from: 230) { _, _ in .nan }
        SyntheticRun.bend(&run.gradNorm, from: 230) { _, _ in .nan }
        if let clipping { run.metadata.setExtra("args.max_grad_norm", clipping) }
        return run
    }

    @Test func aDivergenceAtAHighLearningRateNamesTheLearningRate() throws {
        let diagnosis = Diagnostician.diagnose(Self.diverging(peak: 2.99).build())
        let story = try #require(diagnosis.rootCause)
        #expect(story.outcome == .diverged)
        #expect(story.cause == "learning-rate")
        #expect(story.sentence.contains("diverged at step 230"))
        #expect(story.sentence.contains("gradient norm grew"))
        #expect(story.sentence.contains("clipping off"))
        #expect(diagnosis.verdict == .failed)
        #expect(diagnosis.verdictReason.hasPrefix(story.sentence))
        // An LR that is the likely cause of a failure is never info, and its fix is a concrete value.
        let lr = try #require(diagnosis.findings.first { $0.id == "lr-schedule" })
        #expect(lr.severity >= .warning)
        #expect(lr.fixes.first?.contains("try a peak of about 3e-4") == true)
        #expect(story.links.map(\.finding).contains("lr-schedule"))
    }

    @Test func aDivergenceAtAUsualLearningRateHasAnUnknownCause() throws {
        let diagnosis = Diagnostician.diagnose(Self.diverging(peak: 2e-4, clipping: nil).build())
        let story = try #require(diagnosis.rootCause)
        #expect(story.cause == nil)
        #expect(story.sentence.contains("cause unknown"))
        #expect(diagnosis.findings.first { $0.id == "lr-schedule" }?.severity == .info)
    }

    @Test func aDivergenceUnderFP16WithAFallingLossScaleNamesTheOverflow() throws {
        var run = Self.diverging(peak: 2e-4, clipping: "1.0")
        run.metadata.setExtra("args.fp16", "true")
        run.extra["loss_scale"] = run.train.map { .init(step: $0.step, value: $0.step < 150 ? 65536 : 65536 / pow(2, Double($0.step - 140) / 10)) }
        let story = try #require(Diagnostician.diagnose(run.build()).rootCause)
        #expect(story.cause == "fp16-loss-scale")
        #expect(story.sentence.contains("under fp16 with the loss scale falling from 65536"))
        #expect(story.sentence.contains("clipping at max_grad_norm=1"))
    }

    @Test func outOfMemoryAfterTheBatchGrewNamesIt() throws {
        var run = SyntheticRun.healthy(seed: 3, steps: 400)
        run.extra["seq_len"] = run.train.map { .init(step: $0.step, value: $0.step < 300 ? 512 : 2048) }
        run.logEvents = [LogEvent(kind: .outOfMemory, path: "log.txt", line: 12, text: "torch.OutOfMemoryError: CUDA out of memory.")]
        let story = try #require(Diagnostician.diagnose(run.build()).rootCause)
        #expect(story.cause == "batch-growth")
        #expect(story.sentence.contains("seq_len grew from 512 to 2048"))
    }

    @Test func outOfMemoryWithoutSizeSeriesHasAnUnknownCause() throws {
        var run = SyntheticRun.healthy(seed: 3, steps: 400)
        run.logEvents = [LogEvent(kind: .outOfMemory, path: "log.txt", line: 12, text: "torch.OutOfMemoryError: CUDA out of memory.")]
        let story = try #require(Diagnostician.diagnose(run.build()).rootCause)
        #expect(story.outcome == .outOfMemory)
        #expect(story.sentence.contains("cause unknown"))
    }

    @Test func aHealthyRunHasNoStory() {
        let diagnosis = Diagnostician.diagnose(SyntheticRun.healthy(seed: 2).build())
        #expect(diagnosis.rootCause == nil)
        #expect(diagnosis.verdict == .healthy)
    }
}

/// Advice reads what the run recorded and never advises what it already did.
@Suite struct RunAwareAdviceTests {
    static func overfitting(_ configure: (inout SyntheticRun) -> Void = { _ in }) -> Run {
        var run = SyntheticRun.healthy(seed: 11, steps: 2000, evalEvery: 200)
        SyntheticRun.bend(&run.eval, from: 800) { step, v in v * (1 + Double(step - 600) / 1000) }
        configure(&run)
        return run.build()
    }

    @Test func settingsComeFromEverySourceUnderOneName() {
        var m = RunMetadata()
        m.setExtra("hparams.lr", "0.01")
        m.setExtra("params.max_grad_norm", "0.5")
        m.setExtra("args.max_grad_norm", "0.0")
        m.setExtra("hparams.precision", "16-mixed")
        var builder = RunBuilder(name: "x", format: "lightning-csv", sourcePath: "x")
        builder.metadata = m
        let settings = RunSettings(builder.build())
        #expect(settings.number("learning_rate") == 0.01)
        #expect(settings.clipping == 0)  // args.* wins over params.*
        #expect(settings.fp16 == true)
    }

    @Test func loadBestModelAtEndIsNotAdvisedWhenTheRunSetIt() throws {
        let unknown = try #require(findings(OverfittingRule(), Self.overfitting()).first)
        #expect(unknown.fixes.contains { $0.contains("load_best_model_at_end=True") && $0.contains("if not already set") })
        #expect(unknown.severity == .warning)
        let set = try #require(findings(OverfittingRule(), Self.overfitting { $0.metadata.setExtra("args.load_best_model_at_end", "true") }).first)
        #expect(!set.fixes.contains { $0.hasPrefix("Set load_best_model_at_end") })
        // The saved model is the best one: the consequence is smaller.
        #expect(set.severity == .info)
    }

    @Test func theBestEpochIsSaidInTheRunsOwnCounting() throws {
        // Lightning: epoch is the 0-based index of the epoch in progress.
        let run = Self.overfitting { run in
            for i in run.epoch.indices { run.epoch[i].value = Double(run.epoch[i].step / 500) }
            run.metadata.epoch = nil
        }
        var builder = RunBuilder(name: "l", format: "lightning-csv", sourcePath: "x")
        for s in run.series { for i in s.steps.indices { builder.add(key: s.key, step: s.steps[i], value: s.values[i]) } }
        builder.metadata = run.metadata
        let f = try #require(findings(OverfittingRule(), builder.build()).first)
        let epochFix = try #require(f.fixes.first { $0.hasPrefix("Train for fewer epochs") })
        #expect(epochFix.contains("2nd epoch (epoch 1 in this log's counting from 0)"))
        #expect(epochFix.contains("max_epochs=2"))
    }

    @Test func warmupIsNotLengthenedWhenItWasAlreadyLong() {
        var run = SyntheticRun.healthy(seed: 5, steps: 1000, warmupFraction: 0.6)
        let advice = Advice(run.build())
        #expect(advice.lengthenWarmup() == nil)
        run = SyntheticRun.healthy(seed: 5, steps: 1000, warmupFraction: 0)
        #expect(Advice(run.build()).lengthenWarmup()?.contains("about 50-100 steps") == true)
    }

    @Test func aPeakFarAboveTheUsualRangeIsGradedByHowFar() {
        let mild = findings(LRScheduleRule(), SyntheticRun.healthy(seed: 6, peakLR: 3e-3).build())
        #expect(mild.first?.severity == .info)
        #expect(mild.evidence("peak_vs_usual") == .number(3e-3 / 1e-3))
        // 0.1 is 100x Adam's usual top but SGD's usual value: with the optimiser unknown, information.
        var sgdOrAdam = SyntheticRun.healthy(seed: 6, peakLR: 0.1)
        #expect(findings(LRScheduleRule(), sgdOrAdam.build()).first?.severity == .info)
        sgdOrAdam.metadata.setExtra("args.optim", "adamw_torch")
        let far = findings(LRScheduleRule(), sgdOrAdam.build())
        #expect(far.first?.severity == .warning)
        #expect(far.first?.title.contains("100x above the top of the usual range") == true)
        let absurd = findings(LRScheduleRule(), SyntheticRun.healthy(seed: 6, peakLR: 3).build())
        #expect(absurd.first?.severity == .warning)
    }
}

/// Facts computed once and stated the same everywhere.
@Suite struct RunFactsTests {
    @Test func theNaNFiltersZerosAreNotTheFinalLoss() throws {
        var run = SyntheticRun.healthy(seed: 1, steps: 300)
        SyntheticRun.bend(&run.train, from: 240) { _, _ in 0 }
        let final = try #require(RunFacts(run.build()).finalTrainLoss)
        #expect(final.step == 230)
        #expect(final.value > 0)
        #expect(final.note?.contains("NaN filter") == true)
    }

    @Test func aMemorisedLossThatCreptToZeroIsAZero() throws {
        var run = SyntheticRun.healthy(seed: 1, steps: 300)
        SyntheticRun.bend(&run.train, from: 200) { step, _ in step >= 280 ? 0 : 0.001 }
        let final = try #require(RunFacts(run.build()).finalTrainLoss)
        #expect(final.value == 0)
        #expect(final.note == nil)
    }

    @Test func epochsEndedByMaxStepsAreSaidSo() throws {
        var run = SyntheticRun.healthy(seed: 1, steps: 500, epochs: 4.09)
        run.metadata.numTrainEpochs = 5
        let epochs = try #require(RunFacts(run.build()).epochs)
        #expect(epochs.endedByMaxSteps)
        run.metadata.numTrainEpochs = 4.09
        #expect(RunFacts(run.build()).epochs?.endedByMaxSteps == false)
    }
}
