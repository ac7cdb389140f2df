import Testing
@testable import Charts

struct SeriesTroubleTests {
    /// A loss falling from 5.5 to 3.05, 2.2e12 at index 45, then NaN to the end.
    static let diverging: [Double] = {
        let healthy: [Double] = (0..<45).map { (i: Int) -> Double in 3.05 + 2.45 * Double(44 - i) / 44 }
        let nan: [Double] = Array(repeating: Double.nan, count: 13)
        return healthy + [2.2e12, 3e11] + nan
    }()

    @Test func aDivergenceIsOneStretchToTheEndWithItsPeakAndTheFirstNaN() throws {
        let trouble = SeriesTrouble(Self.diverging)
        let band = try #require(trouble.bands.first)
        #expect(trouble.bands.count == 1)
        #expect(band.first == 45 && band.last == 59 && band.toEnd)
        #expect(band.peak == 45)
        #expect(band.firstNonFinite == 47 && band.hasNaN && !band.hasInf)
        #expect(trouble.ceiling == 5.5)
        // The smoothed line averages the healthy part only.
        #expect(trouble.masked(Self.diverging)[45].isNaN && trouble.masked(Self.diverging)[44] == 3.05)
    }

    @Test func anIsolatedNaNOrSpikeIsNoBand() {
        var values = (0..<100).map { 2 + 0.1 * Double($0 % 7) }
        values[40] = .nan
        values[60] = 8
        let trouble = SeriesTrouble(values)
        #expect(trouble.bands.isEmpty)
        #expect(trouble.stretches.count == 1)  // the NaN; 8 is an ordinary spike, within five extents
        #expect(trouble.ceiling == nil)
    }

    @Test func aRecoveredBlowUpEndsWhereGoodValuesResume() throws {
        var values = (0..<60).map { 3 - 0.01 * Double($0) }
        for i in 20..<25 { values[i] = 1e6 }
        let band = try #require(SeriesTrouble(values).bands.first)
        #expect(band.first == 20 && band.last == 24 && !band.toEnd && band.peak == 20)
    }

    @Test func aSteepStartFarAboveTheRestIsATransientButAGradualDropIsNot() {
        var values = (0..<200).map { 2 + 0.3 * Double(200 - $0) / 200 }
        values[0] = 11
        values[1] = 7
        let trouble = SeriesTrouble(values)
        #expect(trouble.transient == 0..<2)
        #expect(trouble.ceiling == values[2])
        #expect(trouble.divergenceCeiling == nil)
        let gradual = (0..<200).map { 2 + 3 * Double(200 - $0) / 200 }
        #expect(SeriesTrouble(gradual).transient.isEmpty)
    }
}
