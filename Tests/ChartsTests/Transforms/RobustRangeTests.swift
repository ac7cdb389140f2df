import Foundation
import Testing
@testable import Charts

struct RobustRangeTests {
    /// hf-nan-gradnorm-only: losses near 3-4, one 4.47e12, then exact zeros.
    static let exploded: [Double] = [4.33, 3.6, 3.6, 3.9, 3.4, 3.8, 4.0, 4.3, 4.2, 3.9, 3.5, 3.6, 3.6, 3.2, 3.2, 3.2,
                                     3.3, 3.3, 3.7, 3.4, 3.2, 25.0, 4.47e12, 0, 0, 0, 0, 0, 0, 0]

    @Test func anExtremeOutlierIsLeftOutAndTheRestKept() throws {
        let range = try #require(RobustRange(Self.exploded))
        #expect(range.lower == 0)
        #expect(range.upper == 4.33)
        #expect(range.clipsAbove && !range.clipsBelow)
        #expect(range.outliers(Self.exploded) == [25.0, 4.47e12])
    }

    @Test func aHighFirstLossIsNotAnOutlier() {
        // An LLM-like curve: 11 falling to about 3 within the first 1% of 10,000 steps.
        let steep = (0..<10_000).map { 3 + 8 * exp(-Double($0) / 30) }
        #expect(RobustRange(steep) == nil)
        let powerLaw = (0..<10_000).map { 3 + 8 * pow(1 + Double($0) / 30, -0.7) }
        #expect(RobustRange(powerLaw) == nil)
    }

    @Test func anOrdinarySpikeStaysOnTheAxis() {
        var values = (0..<300).map { 2 + 0.1 * sin(Double($0)) }
        values[150] = 8
        #expect(RobustRange(values) == nil)
    }

    @Test func outliersAreJudgedWithinTheirOwnSeries() throws {
        let train = (0..<50).map { 3 - Double($0) * 0.01 }
        var eval = [3.1, 3.0, 2.9, 2.95, 2.9, 2.85]
        eval[3] = 1e9
        let range = try #require(RobustRange(series: [train, eval]))
        #expect(range.upper == 3.1)
    }

    @Test func aNegativeOutlierIsLeftOutBelow() throws {
        var values = (0..<100).map { 0.5 + 0.01 * Double($0 % 7) }
        values[40] = -1e9
        let range = try #require(RobustRange(values))
        #expect(range.clipsBelow && !range.clipsAbove)
        #expect(range.lower == 0.5)
        #expect(range.outliers(values) == [-1e9])
    }

    @Test func fewValuesOrNonFiniteOnesAreNeverClipped() {
        #expect(RobustRange([1, 2, 1e12, 3]) == nil)
        #expect(RobustRange([.nan, .infinity, 1, 2, 3]) == nil)
        #expect(RobustRange([]) == nil)
    }
}
