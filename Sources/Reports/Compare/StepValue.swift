/// A value of a series at a step (a best or final value in a comparison).
public struct StepValue: Sendable, Equatable {
    public var value: Double
    public var step: Int

    public init(_ value: Double, at step: Int) {
        self.value = value
        self.step = step
    }

    /// `2.126 at step 400`.
    public var text: String { "\(ReportNumber.format(value)) at step \(ReportNumber.integer(step))" }
}
