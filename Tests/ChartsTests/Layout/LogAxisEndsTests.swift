import Testing
@testable import Charts

/// A log axis ends on labelled ticks: without them a reader cannot tell how high the top is (a loss
/// axis over four decades stopped at 0.5 with its highest label at 0.1).
struct LogAxisEndsTests {
    let measurer = ApproximateTextMeasurer()

    private func ticks(_ lower: Double, _ upper: Double, length: Double) throws -> (AxisTicks, LogScale) {
        let axis = Axis(title: "loss (log scale)", scale: .log, nice: true)
        let t = AxisTicks(axis: axis, lower: lower, upper: upper, length: length, horizontal: false, measurer: measurer)
        return (t, try #require(t.scale as? LogScale))
    }

    @Test func bothEndsOfANiceLogAxisAreLabelledTicks() throws {
        let (t, scale) = try ticks(1.2e-4, 0.45, length: 360)
        #expect(scale.lower == 1e-4)
        #expect(scale.upper == 0.5)
        #expect(t.ticks.first == scale.lower)
        #expect(t.ticks.last == scale.upper)
        #expect(t.labels.labels.first == "1e-4")
        #expect(t.labels.labels.last == "0.5")
    }

    @Test func anEndTooCloseToItsNeighbourWidensToTheNextDecade() throws {
        // 0.12 rounds up to 0.2, only 0.3 decade above the 0.1 label: no room on a short axis.
        let (t, scale) = try ticks(1.2e-4, 0.12, length: 60)
        #expect(scale.upper == 1)
        #expect(t.ticks.last == 1)
        #expect(t.labels.labels.last == "1")
    }

    /// A denormal loss (the smallest positive Double, about 4.9e-324) once made the nice lower end
    /// underflow to 0, failing LogScale's precondition.
    @Test func extremeEndsStayPositiveAndFinite() throws {
        let (_, low) = try ticks(Double.leastNonzeroMagnitude, 10, length: 360)
        #expect(low.lower > 0)
        let (_, high) = try ticks(1e-3, 1.7e308, length: 360)
        #expect(high.upper.isFinite)
    }

    @Test func nextTickFollowsTheProgression() {
        #expect(AxisTicks.nextLogTick(after: [1e-4, 1e-3, 1e-2], upward: true) == 0.1)
        #expect(AxisTicks.nextLogTick(after: [1e-6, 1e-4, 1e-2], upward: true) == 1)
        #expect(AxisTicks.nextLogTick(after: [1e-3, 1e-2], upward: false) == 1e-4)
        #expect(AxisTicks.nextLogTick(after: [0.1, 0.2, 0.5, 1, 2], upward: true) == 5)
        #expect(AxisTicks.nextLogTick(after: [0.1, 0.2, 0.5, 1, 2], upward: false) == 0.05)
    }

    @Test func fixedEndsAreLeftAlone() throws {
        let axis = Axis(title: "x", scale: .log, lower: 0.3, upper: 40, nice: true)
        let t = AxisTicks(axis: axis, lower: 0.3, upper: 40, length: 300, horizontal: false, measurer: measurer)
        let scale = try #require(t.scale as? LogScale)
        #expect(scale.lower == 0.3 && scale.upper == 40)
    }
}
