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
        #expect(ReportNumber.duration(seconds: 1.56e26) == "1.56e+26 s")
    }
}
