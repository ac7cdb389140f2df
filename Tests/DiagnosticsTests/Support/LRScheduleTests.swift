import Foundation
import RunModel
import Testing
@testable import Diagnostics

@Suite struct LRScheduleTests {
    /// HF logs the LR of the step before: peak * (s - 1) / warmup, then cosine decay to `total`.
    private func hfSeries(peak: Double, warmup: Int, total: Int, every: Int) -> Series {
        let steps = Array(stride(from: every, through: total, by: every))
        let values = steps.map { s -> Double in
            let done = s - 1
            if done < warmup { return peak * Double(done) / Double(warmup) }
            let t = Double(done - warmup) / Double(total - warmup)
            return peak * 0.5 * (1 + cos(Double.pi * t))
        }
        return Series(name: "train/learning_rate", key: "learning_rate", role: .learningRate, steps: steps, values: values)
    }

    @Test func warmupEndsWhereTheRisingLineMeetsThePeakNotAtTheNextLoggedPoint() throws {
        // The Whisper fine-tune in the corpus: warmup_steps=500, logged every 25 steps, so the first
        // logged point at the peak is step 525.
        let s = try #require(LRSchedule.analyze(hfSeries(peak: 1e-4, warmup: 500, total: 10_990, every: 25), plannedSteps: 10_990))
        #expect(s.peakStep == 525)
        #expect(s.warmupSteps == 500)
        #expect(s.warmupEndStep == 501)
        #expect(s.shape == .cosine)
    }

    /// A garbled peak far beyond the warmup line once trapped converting the line's end to `Int`.
    @Test func aGarbledPeakDoesNotCrashTheWarmupFit() throws {
        let steps = [10, 20, 30, 40, 50, 60]
        let values = [1e-5, 2e-5, 3e-5, 1e300, 5e-5, 4e-5]
        let s = try #require(LRSchedule.analyze(Series(name: "train/learning_rate", key: "lr", role: .learningRate, steps: steps, values: values), plannedSteps: nil))
        #expect(s.peakStep == 40)
        #expect(s.warmupEndStep == 40)
    }

    @Test func shortWarmupLoggedEveryTenStepsIsTheConfiguredLength() throws {
        let s = try #require(LRSchedule.analyze(hfSeries(peak: 1e-3, warmup: 30, total: 600, every: 10), plannedSteps: 600))
        #expect(s.warmupSteps == 30)
        #expect(s.warmupEndStep == 31)
    }

    @Test func oneRisingPointAssumesWarmupFromStepZero() throws {
        let steps = [25, 50, 75, 100, 125]
        let values = [2.5e-5 * 25.0 / 30.0, 2.5e-5, 2.5e-5, 2.5e-5, 2.5e-5]
        let series = Series(name: "train/learning_rate", key: "lr", role: .learningRate, steps: steps, values: values)
        let s = try #require(LRSchedule.analyze(series, plannedSteps: nil))
        #expect(s.warmupSteps == 30)
        #expect(s.warmupEndStep == 30)
    }

    @Test func noWarmupEndsAtTheFirstStep() throws {
        let series = Series(name: "train/learning_rate", key: "lr", role: .learningRate, steps: [10, 20, 30, 40],
                            values: [1e-4, 1e-4, 1e-4, 1e-4])
        let s = try #require(LRSchedule.analyze(series, plannedSteps: nil))
        #expect(!s.hasWarmup)
        #expect(s.warmupEndStep == 10)
    }
}
