import Foundation
import Testing
@testable import Diagnostics
import RunModel

/// A DPO-like run: the TRL keys with curves given per logging step (60 logs, every 10 steps).
func preferenceRun(accuracy: (Int) -> Double, margin: (Int) -> Double, chosen: (Int) -> Double = { _ in -200 },
                   rejected: (Int) -> Double = { _ in -220 }) -> Run {
    var run = SyntheticRun.healthy(seed: 3, steps: 600, evalEvery: nil)
    func curve(_ f: (Int) -> Double) -> [SyntheticRun.Point] {
        (1...60).map { SyntheticRun.Point(step: $0 * 10, value: f($0 - 1)) }
    }
    run.extra["rewards/accuracies"] = curve(accuracy)
    run.extra["rewards/margins"] = curve(margin)
    run.extra["logps/chosen"] = curve(chosen)
    run.extra["logps/rejected"] = curve(rejected)
    return run.build()
}

@Suite struct PreferenceNotLearnedRuleTests {
    let rule = PreferenceNotLearnedRule()

    @Test func accuraciesAtChanceAndFlatMarginsFire() throws {
        let run = preferenceRun(accuracy: { 0.5 + 0.04 * sin(Double($0)) }, margin: { 0.01 * sin(Double($0)) })
        #expect(run.kind == .preference)
        let f = try #require(findings(rule, run).first)
        #expect(f.severity == .warning)
        #expect(f.metric == "rewards/accuracies")
        #expect(f.fixes.contains { $0.contains("learning_rate") })
    }

    @Test func aLearnedPreferenceDoesNot() {
        let run = preferenceRun(accuracy: { min(0.95, 0.5 + Double($0) / 40) }, margin: { Double($0) / 20 })
        #expect(findings(rule, run).isEmpty)
    }

    @Test func nearMissLowAccuracyButGrowingMarginsDoesNot() {
        // 0.58 accuracy but margins well above 0: some preference is learned.
        let run = preferenceRun(accuracy: { _ in 0.58 }, margin: { Double($0) / 30 })
        #expect(findings(rule, run).isEmpty)
        #expect(findings(rule, run, overrides: ["max_margin": 5]).count == 1)
    }
}

@Suite struct PreferenceOveroptimizationRuleTests {
    let rule = PreferenceOveroptimizationRule()

    @Test func marginsUpWhileChosenLogpsFallFires() throws {
        let run = preferenceRun(accuracy: { _ in 0.9 }, margin: { Double($0) / 10 }, chosen: { -200 - Double($0) * 2 },
                                rejected: { -220 - Double($0) * 5 })
        let f = try #require(findings(rule, run).first)
        #expect(f.metric == "logps/chosen")
        #expect(f.fixes.contains { $0.contains("beta") })
        #expect(f.fixes.contains { $0.contains("\"sft\"") })
        if case .number(let drop)? = [f].evidence("chosen_relative_drop") { #expect(drop > 0.4) } else { Issue.record("no drop") }
    }

    @Test func nearMissChosenFallsOnlyAFewPercentDoesNot() {
        // -200 -> about -212 (6%): below the 10% threshold.
        let run = preferenceRun(accuracy: { _ in 0.9 }, margin: { Double($0) / 10 }, chosen: { -200 - Double($0) * 0.2 })
        #expect(findings(rule, run).isEmpty)
    }

    @Test func chosenFallingWithoutMarginGrowthDoesNot() {
        let run = preferenceRun(accuracy: { _ in 0.5 }, margin: { _ in 0.05 }, chosen: { -200 - Double($0) * 2 })
        #expect(findings(rule, run).isEmpty)
    }
}
