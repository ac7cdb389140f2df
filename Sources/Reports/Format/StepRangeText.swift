/// "step 800" or "steps 800–1,500".
enum StepRangeText {
    static func format(_ steps: ClosedRange<Int>) -> String {
        steps.lowerBound == steps.upperBound
            ? "step \(ReportNumber.integer(steps.lowerBound))"
            : "steps \(ReportNumber.integer(steps.lowerBound))–\(ReportNumber.integer(steps.upperBound))"
    }
}
