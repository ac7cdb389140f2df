import TestSupport
import Testing
@testable import Charts

struct TickLocatorTests {
    /// Expected values from d3-array's `ticks` test suite.
    @Test(arguments: [
        (0.0, 1.0, 10, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
        (0.0, 1.0, 7, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0.0, 1.0, 3, [0.0, 0.5, 1.0]),
        (0.0, 1.0, 1, [0.0, 1.0]),
        (0.0, 10.0, 5, [0.0, 2, 4, 6, 8, 10]),
        (0.0, 10.0, 2, [0.0, 5, 10]),
        (-10.0, 10.0, 10, [-10.0, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]),
        (-10.0, 10.0, 5, [-10.0, -5, 0, 5, 10]),
        (-10.0, 10.0, 2, [-10.0, 0, 10]),
        (-10.0, 10.0, 1, [0.0]),
        (0.98, 1.14, 10, [0.98, 1, 1.02, 1.04, 1.06, 1.08, 1.1, 1.12, 1.14]),
    ])
    func ticksMatchD3(start: Double, stop: Double, count: Int, expected: [Double]) {
        #expect(TickLocator.ticks(start, stop, count: count) == expected)
    }

    @Test func ticksAreExactDecimalsNotAccumulatedSums() {
        let ticks = TickLocator.ticks(0, 1, count: 10)
        #expect(ticks[3] == 0.3)
        #expect(ticks[3] != 0.1 + 0.1 + 0.1)
    }

    @Test func nonFiniteEndsOrNoCountGiveNoTicks() {
        #expect(TickLocator.ticks(.nan, 1, count: 10).isEmpty)
        #expect(TickLocator.ticks(0, .nan, count: 10).isEmpty)
        #expect(TickLocator.ticks(0, .infinity, count: 10).isEmpty)
        #expect(TickLocator.ticks(0, 1, count: 0).isEmpty)
        #expect(TickLocator.ticks(0, 1, count: -3).isEmpty)
    }

    @Test func equalEndsGiveThatOneValue() {
        #expect(TickLocator.ticks(1.5, 1.5, count: 10) == [1.5])
        #expect(TickLocator.ticks(0, 0, count: 5) == [0])
    }

    @Test func reversedDomainGivesTheSameTicksReversed() {
        for (a, b) in [(0.0, 1.0), (-3.7, 12.2), (0.98, 1.14), (1e-6, 3e-5), (100.0, 1_234_567.0)] {
            #expect(TickLocator.ticks(b, a, count: 7) == TickLocator.ticks(a, b, count: 7).reversed())
        }
    }

    @Test func neverNegativeZero() {
        for t in TickLocator.ticks(-1, 0, count: 5) + TickLocator.ticks(0, -1, count: 5) + TickLocator.ticks(-0.3, 0.2, count: 5)
        where t == 0 {
            #expect(t.sign == .plus)
        }
    }

    @Test func ticksStayInsideTheDomainEvenlySpacedOnOneTwoFiveSteps() {
        var rng = SyntheticRuns.Random(state: 42)
        for _ in 0..<500 {
            let scale = [1e-6, 1e-3, 1, 1e3, 1e6][Int(rng.next() * 5)]
            let a = (rng.next() * 2 - 1) * scale, b = a + rng.next() * scale + 1e-12
            let count = 2 + Int(rng.next() * 10)
            let ticks = TickLocator.ticks(a, b, count: count)
            guard let step = TickLocator.step(a, b, count: count) else { continue }
            #expect(ticks.allSatisfy { $0 >= a && $0 <= b })
            #expect(ticks.count <= count * 3 + 1)
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 })
            for i in ticks.indices.dropFirst() {
                #expect(abs((ticks[i] - ticks[i - 1]) - step) <= step * 1e-9)
            }
        }
    }

    @Test func niceWidensToWholeSteps() {
        let n = TickLocator.nice(0.23, 2.31, count: 5)
        #expect(n.lower == 0 && n.upper == 2.5)
        let m = TickLocator.nice(2.3012, 2.3047, count: 5)
        #expect(m.lower == 2.301 && m.upper == 2.305)
    }

    @Test func logTicksAreDecadesWithTwoAndFiveInShortRanges() {
        #expect(TickLocator.logTicks(0.01, 1000) == [0.01, 0.1, 1, 10, 100, 1000])
        #expect(TickLocator.logTicks(0.2, 50) == [0.2, 0.5, 1, 2, 5, 10, 20, 50])
        #expect(TickLocator.logTicks(0, 10).isEmpty)
        #expect(TickLocator.logTicks(1e-9, 1e9, count: 6).count <= 10)
    }
}

import Foundation
