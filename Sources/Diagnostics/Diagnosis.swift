/// Everything the diagnostics stage says about one run.
public struct Diagnosis: Sendable, Equatable {
    /// Sorted by severity (errors first), then id, then first step.
    public var findings: [Finding]
    /// One row per core metric, in a fixed order.
    public var health: [HealthRow]
    public var verdict: Verdict
    /// One sentence saying why the verdict is what it is.
    public var verdictReason: String

    public init(findings: [Finding], health: [HealthRow], verdict: Verdict, verdictReason: String) {
        self.findings = findings
        self.health = health
        self.verdict = verdict
        self.verdictReason = verdictReason
    }
}
