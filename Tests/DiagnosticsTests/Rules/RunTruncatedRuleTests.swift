import Testing
@testable import Diagnostics
import RunModel

@Suite struct RunTruncatedRuleTests {
    let rule = RunTruncatedRule()

    func stoppedAt(_ step: Int) -> SyntheticRun {
        var run = SyntheticRun.healthy(seed: 1)
        for keyPath in [\SyntheticRun.train, \.eval, \.lr, \.gradNorm, \.epoch, \.tokensPerSecond] {
            run[keyPath: keyPath].removeAll { $0.step > step }
        }
        run.metadata.globalStep = step
        run.metadata.hasFinalSummary = false
        return run
    }

    @Test func stoppingBeforeMaxStepsIsAWarningAtTheLastStep() throws {
        let found = findings(rule, stoppedAt(1300).build())
        let f = try #require(found.first)
        #expect(f.severity == .warning)
        #expect(f.steps == 1300...1300)
        #expect(f.message.contains("max_steps 2000"))
        #expect(f.message.contains("final summary"))
    }

    @Test func aRunStoppedJustShortOfItsEndIsNeverCalled100Percent() throws {
        let f = try #require(findings(rule, stoppedAt(1995).build()).first)
        #expect(f.message.contains("(99% of the run)"), "\(f.message)")
    }

    @Test func epochsAreUsedWhenMaxStepsIsUnknown() throws {
        var run = stoppedAt(1000)
        run.metadata.maxSteps = nil
        run.metadata.epoch = 1.5
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.message.contains("epoch 1.5 of num_train_epochs 3"))
    }

    @Test func aMissingSummaryAloneIsInfo() throws {
        var run = SyntheticRun.healthy(seed: 2)
        run.metadata.hasFinalSummary = false
        run.metadata.maxSteps = nil
        #expect(try #require(findings(rule, run.build()).first).severity == .info)
    }

    /// A state saved at the last step is written before the summary is appended: the run completed.
    @Test func aRunThatReachedMaxStepsIsSilentWithoutItsSummary() {
        var run = SyntheticRun.healthy(seed: 2)
        run.metadata.hasFinalSummary = false
        #expect(findings(rule, run.build()).isEmpty)
    }

    @Test func aLogCutMidLineIsAWarning() throws {
        var run = SyntheticRun.healthy(seed: 2)
        run.metadata = RunMetadata()
        var built = run.build(format: "jsonl")
        built.provenance.issues.append(IngestIssue(kind: .repair, path: "train_log.jsonl", line: 75, message: "last line is not a complete JSON object (cut off mid-write?); skipped"))
        let f = try #require(findings(rule, built).first)
        #expect(f.severity == .warning)
        #expect(f.message.contains("ends mid-line"))
    }

    @Test func anUnfinishedDecayWithoutAPlanIsAWarningAndAFinishedOneIsSilent() throws {
        var run = stoppedAt(1100)
        run.metadata = RunMetadata()
        let f = try #require(findings(rule, run.build(format: "jsonl")).first)
        #expect(f.severity == .warning)
        #expect(f.title.contains("learning-rate schedule"))
        if case .integer(let end)? = [f].evidence("schedule_end_step") { #expect((1900...2100).contains(end)) } else { Issue.record("no schedule_end_step") }
        var complete = SyntheticRun.healthy(seed: 1)
        complete.metadata = RunMetadata()
        #expect(findings(rule, complete.build(format: "jsonl")).isEmpty)
    }

    @Test func earlyStoppingIsInfo() throws {
        var run = stoppedAt(1200)
        run.metadata.setExtra("EarlyStoppingCallback.early_stopping_patience", "3")
        run.metadata.setExtra("EarlyStoppingCallback.early_stopping_patience_counter", "3")
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .info)
        #expect(f.title.contains("EarlyStoppingCallback"))
    }

    @Test func finishedRunsAndFormatsWithoutSummariesGetNothing() {
        #expect(findings(rule, SyntheticRun.healthy(seed: 3).build()).isEmpty)
        var csv = SyntheticRun.healthy(seed: 3)
        csv.metadata = RunMetadata()
        #expect(findings(rule, csv.build(format: "tensorboard-csv")).isEmpty)
    }

    @Test func anOutOfMemoryCrashIsLeftToTheOOMRule() {
        var run = stoppedAt(900)
        run.logEvents = [LogEvent(kind: .outOfMemory, path: "train.log", line: 812, text: "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB")]
        #expect(findings(rule, run.build()).isEmpty)
        let oom = findings(OOMRule(), run.build())
        #expect(oom.first?.severity == .error)
        #expect(oom.first?.steps == 900...900)
        #expect(oom.first?.fixes.contains { $0.contains("gradient_checkpointing=True") } == true)
        #expect(oom.first?.message.contains("train.log:812") == true)
    }
}
