import Testing
@testable import RunModel

@Suite struct SeriesTests {
    func lossSeries(_ values: [Double]) -> Series {
        Series(name: "train/loss", key: "loss", role: .trainLoss, steps: Array(1...values.count), values: values)
    }

    @Test func aSeriesWithoutWallTimesEqualsItsCopy() {
        let s = lossSeries([2.0, .nan, 1.5])
        #expect(s == s)
        #expect(s != lossSeries([2.0, .nan, 1.4]))
    }

    @Test func summaryIgnoresNonFiniteValuesForMinAndMaxButCountsThem() {
        let summary = lossSeries([3.0, .nan, 1.0, .infinity, 2.0]).summary
        #expect(summary.min == 1.0 && summary.minStep == 3)
        #expect(summary.max == 3.0 && summary.maxStep == 1)
        #expect(summary.nonFinite == 2)
        #expect(summary.last == 2.0)
    }

    @Test func sliceKeepsOnlyPointsInTheStepRange() {
        let s = lossSeries([5, 4, 3, 2, 1]).slice(steps: 2...4)
        #expect(s.steps == [2, 3, 4])
        #expect(s.values == [4, 3, 2])
    }
}
