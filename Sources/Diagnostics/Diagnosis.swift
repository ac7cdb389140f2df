/// Everything the diagnostics stage says about one run.
public struct Diagnosis: Sendable, Equatable {
    /// Sorted by severity (errors first), then id, then first step.
    public var findings: [Finding]
    /// One row per core metric, in a fixed order.
    public var health: [HealthRow]
    public var verdict: Verdict
    /// One sentence saying why the verdict is what it is; it names the root cause when there is a story.
    public var verdictReason: String
    /// The story of a failed or degraded run: what happened and its most likely cause; nil when the
    /// run neither failed nor degraded.
    public var rootCause: RootCause?
    /// The facts stated in several places of a report, computed once.
    public var facts: RunFacts?

    public init(findings: [Finding], health: [HealthRow], verdict: Verdict, verdictReason: String,
                rootCause: RootCause? = nil, facts: RunFacts? = nil) {
        self.findings = findings
        self.health = health
        self.verdict = verdict
        self.verdictReason = verdictReason
        self.rootCause = rootCause
        self.facts = facts
    }
}
