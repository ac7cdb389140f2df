/// The one-word answer a report leads with.
public enum ReportVerdict: String, Sendable, CaseIterable {
    case healthy
    case attention
    case failed

    /// Capitalised for headings ("Healthy").
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
