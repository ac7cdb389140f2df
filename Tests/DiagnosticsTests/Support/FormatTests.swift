import Testing
@testable import Diagnostics

@Suite struct FormatTests {
    @Test(arguments: [(850.0, "850"), (9_999.0, "9999"), (46_310.0, "46.3k"), (1_234_567.0, "1.2M"), (-52_000.0, "-52k")])
    func compactWritesLargeRatesWithASuffix(_ value: Double, _ text: String) {
        #expect(Format.compact(value) == text)
    }

    @Test func numbersKeepFourSignificantDigits() {
        #expect(Format.number(2.30149) == "2.301")
        #expect(Format.number(2e-5) == "2e-5")
        #expect(Format.number(.nan) == "NaN")
    }
}
