import RunModel

/// The diagnostics stage's entry point: runs every enabled rule, sorts the findings, builds the health
/// table and decides the verdict.
public enum Diagnostician {
    public static func diagnose(_ run: Run, config: DiagnosticsConfig = .default) -> Diagnosis {
        var findings: [Finding] = []
        for rule in RuleRegistry.all where config.isEnabled(rule) {
            findings += rule.check(run, context: config.context(for: rule))
        }
        let rootCause = RootCauseAnalysis.analyze(run, findings: &findings)
        findings.sort(by: order)
        var (verdict, reason) = verdict(for: findings)
        if let rootCause, verdict != .healthy {
            reason = rootCause.sentence + (verdict == .failed ? " The run or its model is not usable as is." : " Worth a look before trusting the model.")
        }
        let facts = RunFacts(run)
        return Diagnosis(findings: findings, health: HealthTable.rows(for: run, findings: findings, facts: facts),
                         verdict: verdict, verdictReason: reason, rootCause: rootCause, facts: facts)
    }

    /// Severity descending, then id, then first step (findings without steps last), then title: the
    /// order every output lists findings in.
    public static func order(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.id != b.id { return a.id < b.id }
        let sa = a.steps?.lowerBound ?? Int.max, sb = b.steps?.lowerBound ?? Int.max
        if sa != sb { return sa < sb }
        return a.title < b.title
    }

    /// `failed` on any error, `attention` on any warning, else `healthy`, with one sentence saying why.
    static func verdict(for findings: [Finding]) -> (Verdict, String) {
        let errors = findings.filter { $0.severity == .error }
        let warnings = findings.filter { $0.severity == .warning }
        if let first = errors.first {
            let more = errors.count > 1 ? " (and \(Format.count(errors.count - 1, "more error")))" : ""
            return (.failed, "\(sentence(first.title))\(more): the run or its model is not usable as is.")
        }
        if let first = warnings.first {
            let more = warnings.count > 1 ? " and \(Format.count(warnings.count - 1, "more warning"))" : ""
            return (.attention, "\(sentence(first.title))\(more): worth a look before trusting the model.")
        }
        let infos = findings.count
        return (.healthy, infos == 0
            ? "No rule found anything to report."
            : "No warnings or errors; \(Format.count(infos, "finding")) for information only.")
    }

    private static func sentence(_ title: String) -> String {
        var t = title
        while t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
