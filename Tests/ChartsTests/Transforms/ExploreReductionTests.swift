import TestSupport
import Testing
@testable import Charts

struct ExploreReductionTests {
    @Test func everySeriesStaysRawWithinTheBudget() {
        #expect(ExploreReduction.keepsRaw(counts: [60, 12_000, 7_000]) == [true, true, true])
    }

    @Test func onlyTheLongSeriesIsReducedBeyondTheBudget() {
        // The eval points and a short LR stay exact; the million-point loss becomes an envelope.
        #expect(ExploreReduction.keepsRaw(counts: [100, 1_000_000, 500]) == [true, false, true])
        // Two long series share the budget: neither fits its half, both are reduced.
        #expect(ExploreReduction.keepsRaw(counts: [30_000, 30_000]) == [false, false])
    }

    @Test func aSeriesNoLongerThanItsEnvelopeStaysRawWhateverTheBudget() {
        // 40 small multiples of 3,000 points: an envelope of 2,160 columns would not be smaller.
        let counts = Array(repeating: 3_000, count: 40)
        #expect(ExploreReduction.keepsRaw(counts: counts, columns: 2_160).allSatisfy { $0 })
    }

    @Test func envelopeIsBoundedByColumnsAndKeepsExtremesAndNonFinite() {
        let n = 1_000_000
        var rng = SyntheticRuns.Random(state: 7)
        var ys = (0..<n).map { _ in 2 + rng.noise() }
        ys[123_457] = 90
        ys[654_321] = -50
        ys[500_000] = .nan
        ys[900_001] = .infinity
        let xs = (0..<n).map(Double.init)
        let env = ExploreReduction.envelope(xs: xs, steps: Array(0..<n), ys: ys, xLower: 0, xUpper: Double(n - 1), columns: 2_000)
        #expect(env.count == 2_000)
        #expect(env.map(\.count).reduce(0, +) == n)
        #expect(env.compactMap(\.upper).max() == 90)
        #expect(env.compactMap(\.lower).min() == -50)
        let flagged = env.filter(\.hasNonFinite).map(\.step)
        #expect(flagged.count == 2)
        #expect(flagged.allSatisfy { $0 >= 500_000 && $0 < 500_500 || $0 >= 900_001 && $0 < 900_500 })
        // Each column ends on its last point, in order.
        #expect(env.map(\.x) == env.map(\.x).sorted())
        #expect(env.last?.step == n - 1)
    }

    @Test func columnMeanIsTheMeanOfItsFiniteValues() {
        let env = ExploreReduction.envelope(xs: [0, 1, 2, 3, 10], steps: [0, 1, 2, 3, 10], ys: [1, 3, .nan, 8, 5],
                                            xLower: 0, xUpper: 10, columns: 2)
        #expect(env.count == 2)
        #expect(env[0] == ExploreReduction.Column(x: 3, step: 3, lower: 1, upper: 8, mean: 4, count: 4, hasNonFinite: true))
        #expect(env[1] == ExploreReduction.Column(x: 10, step: 10, lower: 5, upper: 5, mean: 5, count: 1, hasNonFinite: false))
    }

    @Test func aColumnOfOnlyNonFiniteValuesHasNoRange() {
        let env = ExploreReduction.envelope(xs: [0, 1], steps: [0, 1], ys: [.nan, .infinity], xLower: 0, xUpper: 1, columns: 1)
        #expect(env == [ExploreReduction.Column(x: 1, step: 1, lower: nil, upper: nil, mean: nil, count: 2, hasNonFinite: true)])
    }
}
