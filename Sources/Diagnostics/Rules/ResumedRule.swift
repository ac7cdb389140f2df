import RunModel

/// `resumed`: the log goes back in steps, i.e. the run was restarted from a checkpoint; says which
/// steps were overwritten (from `Provenance.restarts`; the superseded points are in `Run.abandoned`).
/// Info, unless the learning rate logged after the restart differs from the one logged before it at
/// the same steps by more than `max_lr_mismatch` (relative median): then the scheduler state was
/// probably not restored, a warning.
///
/// Thresholds: `max_lr_mismatch` (0.05).
struct ResumedRule: Rule {
    let id = "resumed"
    let summary = "The run was restarted from a checkpoint; which steps were overwritten, and whether the LR schedule resumed where it was."

    static let maxLRMismatch = Threshold("max_lr_mismatch", 0.05, "relative LR difference at the same steps before/after a restart that means the scheduler was not restored")
    var thresholds: [Threshold] { [Self.maxLRMismatch] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        run.provenance.restarts.map { restart in
            let range = restart.step...max(restart.step, restart.abandonedThrough)
            var message = "The log goes back from step \(restart.abandonedThrough) to step \(restart.step): the run was restarted, and \(Format.count(restart.supersededPoints, "point")) logged at steps \(restart.step)-\(restart.abandonedThrough) by the earlier attempt were overwritten (kept aside and drawn faintly)."
            var severity = Severity.info
            var fixes = ["Nothing to do if the restart was intended; keep the earlier attempt's logs if it failed, they show why."]
            if let mismatch = lrMismatch(run, in: range), mismatch > context[Self.maxLRMismatch] {
                severity = .warning
                message += " The learning rate after the restart differs from the earlier one at the same steps by \(Format.percent(mismatch)) (median): the scheduler state was probably not restored."
                fixes.insert("Resume with trainer.train(resume_from_checkpoint=...) from a checkpoint directory that holds scheduler.pt and optimizer.pt, so the schedule continues where it stopped.", at: 0)
            }
            return Finding(
                id: id, severity: severity,
                title: "Restarted at step \(restart.step), overwriting steps up to \(restart.abandonedThrough)",
                message: message, steps: range, metric: nil,
                evidence: [
                    Evidence("restart_step", .integer(restart.step)),
                    Evidence("abandoned_through", .integer(restart.abandonedThrough)),
                    Evidence("superseded_points", .integer(restart.supersededPoints)),
                ],
                why: "A restart means the curves before it are from a different attempt; the report shows the final attempt and keeps the earlier one aside.",
                fixes: fixes)
        }
    }

    /// Median relative difference of the LR at steps logged by both attempts within `range`.
    private func lrMismatch(_ run: Run, in range: ClosedRange<Int>) -> Double? {
        guard let current = run.series(.learningRate),
              let old = run.abandoned.first(where: { $0.name == current.name }) else { return nil }
        let now = FinitePoints(current.slice(steps: range))
        let before = FinitePoints(old.slice(steps: range))
        var lookup: [Int: Double] = [:]
        for i in now.steps.indices { lookup[now.steps[i]] = now.values[i] }
        var diffs: [Double] = []
        for i in before.steps.indices {
            if let v = lookup[before.steps[i]], before.values[i] > 0 {
                diffs.append(abs(v - before.values[i]) / before.values[i])
            }
        }
        return diffs.isEmpty ? nil : Stats.median(diffs)
    }
}
