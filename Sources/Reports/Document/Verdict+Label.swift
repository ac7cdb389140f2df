import Diagnostics

extension Verdict {
    /// Capitalised for headings ("Healthy").
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

extension HealthStatus {
    /// For CSS classes and file-safe ids: `not-logged`.
    public var slug: String { rawValue.replacingOccurrences(of: " ", with: "-") }
}
