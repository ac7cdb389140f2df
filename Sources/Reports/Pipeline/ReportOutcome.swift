import Diagnostics

/// What reporting one run produced: where, and what it concluded.
public struct ReportOutcome: Sendable {
    public var runName: String
    /// The run's report folder.
    public var folder: String
    /// The files written, in a fixed order.
    public var files: [String]
    public var verdict: Verdict
    public var verdictReason: String
    public var findings: [Finding]

    /// The most severe finding's severity, nil when there is none.
    public var worstSeverity: Severity? { findings.map(\.severity).max() }
}
