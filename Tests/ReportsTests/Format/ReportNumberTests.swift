import Testing
@testable import Reports

struct ReportNumberTests {
    @Test func durationsReadAsAPersonWouldSayThem() {
        #expect(ReportNumber.duration(seconds: 45) == "45 s")
        #expect(ReportNumber.duration(seconds: 725) == "12 min 05 s")
        #expect(ReportNumber.duration(seconds: 11_220) == "3 h 07 min")
    }

    /// A garbled wall time in a CSV export (`155976999999999999999999993756.9`) once crashed the report.
    @Test func anAbsurdDurationIsShownNotACrash() {
        #expect(ReportNumber.duration(seconds: 1.56e26) == "1.56e26 s")
    }
}

extension ReportNumberTests {
    /// One rule for epochs, losses and rates in every human-readable output (JSON keeps full precision).
    @Test func measuredValuesShareOnePrecisionRule() {
        #expect(ReportNumber.format(4.081632653) == "4.082")
        #expect(ReportNumber.format(7.65314) == "7.653")
        #expect(ReportNumber.format(4.09) == "4.09")
        #expect(ReportNumber.format(150) == "150")
        #expect(ReportNumber.format(0.5) == "0.5")
        #expect(ReportNumber.format(12_345.6) == "12346")
        #expect(ReportNumber.format(5e-5) == "5e-5")
        #expect(ReportNumber.format(0.000182345) == "1.82e-4")
        #expect(ReportNumber.format(4.47e12) == "4.47e12")
        #expect(ReportNumber.format(-0.25) == "-0.25")
        #expect(ReportNumber.format(.nan) == "NaN")
    }
}
