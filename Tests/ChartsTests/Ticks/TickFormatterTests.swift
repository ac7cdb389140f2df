import Testing
@testable import Charts

struct TickFormatterTests {
    func labels(_ a: Double, _ b: Double, _ count: Int) -> TickLabels {
        TickFormatter.labels(for: TickLocator.ticks(a, b, count: count), step: TickLocator.step(a, b, count: count))
    }

    @Test func decimalsFollowTheStep() {
        #expect(labels(0, 1, 10).labels == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"])
        #expect(labels(0.98, 1.14, 10).labels.first == "0.98")
        #expect(labels(0.98, 1.14, 10).labels[1] == "1.00")
        #expect(labels(0, 1000, 5).labels == ["0", "200", "400", "600", "800", "1000"])
    }

    @Test func largeValuesTakeSISuffixes() {
        #expect(labels(1_200_000, 1_300_000, 4).labels == ["1.2M", "1.22M", "1.24M", "1.26M", "1.28M", "1.3M"])
        #expect(labels(1_200_000, 1_205_000, 2).labels == ["1.2M", "1.202M", "1.204M"])
        #expect(labels(0, 50_000, 5).labels == ["0", "10k", "20k", "30k", "40k", "50k"])
    }

    @Test func lossOnALargeBaseIsReadable() {
        // Four significant digits: plain labels.
        #expect(labels(2.301, 2.305, 4).labels == ["2.301", "2.302", "2.303", "2.304", "2.305"])
        #expect(labels(2.301, 2.305, 4).offset == nil)
        // Five or more: an offset.
        let fine = labels(2.3010, 2.3014, 4)
        #expect(fine.offset == "+2.301")
        #expect(fine.labels == ["0", "0.0001", "0.0002", "0.0003", "0.0004"])
    }

    @Test func smallValuesUseExponentsWithoutMixedMantissas() {
        #expect(labels(0, 1.2e-4, 6).labels == ["0", "2e-5", "4e-5", "6e-5", "8e-5", "1e-4", "1.2e-4"])
    }

    @Test func neverPrintsNegativeZero() {
        let l = TickFormatter.labels(for: [-0.0, -1e-17, 0.5], step: 0.5).labels
        #expect(!l.contains { $0.hasPrefix("-0") && Double($0) == 0 })
        #expect(TickFormatter.format(-0.0) == "0")
    }

    @Test func singleValuesUseFewDigits() {
        #expect(TickFormatter.format(0.87081234) == "0.8708")
        #expect(TickFormatter.format(2e-4) == "2e-4")
        #expect(TickFormatter.format(1_250_000) == "1.25M")
        #expect(TickFormatter.format(.nan) == "NaN")
        #expect(TickFormatter.logLabels(for: [0.01, 0.1, 1, 10, 100]) == ["0.01", "0.1", "1", "10", "100"])
    }
}
