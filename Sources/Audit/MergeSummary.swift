/// What `audit --merge` prints on stdout: runs per verdict, the runs that could not be audited,
/// the missing and failed shards (so a scheduler's retry can be pointed at them), and the refusals.
public enum MergeSummary {
    /// Runs listed by path before "and N more".
    static let listed = 20

    public static func text(_ outcome: AuditMerge.Outcome, directory: String) -> String {
        let n = outcome.shardCount
        let finished = n - outcome.missing.count - outcome.failed.count
        var lines = ["shards: \(finished) of \(n) finished", "", "verdict       runs"]
        for (verdict, count) in outcome.index.verdictCounts {
            lines.append(verdict.padding(toLength: 12, withPad: " ", startingAt: 0) + String(count).leftPadded(6))
        }
        lines.append("total       " + String(outcome.index.rows.count).leftPadded(6))
        let unaudited = outcome.index.rows.filter { $0.verdict == "error" }
        lines.append("")
        lines.append("runs that could not be audited: \(unaudited.count)")
        for row in unaudited.prefix(listed) {
            lines.append("  \(row.path): \(row.verdictReason.isEmpty ? "error" : row.verdictReason)")
        }
        if unaudited.count > listed { lines.append("  and \(unaudited.count - listed) more (index.csv lists them all)") }
        lines.append("missing shards: " + (outcome.missing.isEmpty ? "none" : outcome.missing.map { "\($0)/\(n)" }.joined(separator: ", ")))
        lines.append("failed shards: " + (outcome.failed.isEmpty ? "none" : outcome.failed.map { "\($0.shard)/\(n)" }.joined(separator: ", ")))
        for failure in outcome.failed { lines.append("  shard \(failure.shard)/\(n): \(failure.reason)") }
        for refusal in outcome.refusals { lines.append("refused: \(refusal)") }
        for note in outcome.notes { lines.append("note: \(note)") }
        if !outcome.missing.isEmpty || !outcome.failed.isEmpty {
            let again = (outcome.missing + outcome.failed.map(\.shard)).sorted()
            lines.append("run again: " + again.map { "--shard \($0)/\(n)" }.joined(separator: ", ") + "; then --merge "
                + "(Slurm: SHARDS=\(n) sbatch --array=\(again.map(String.init).joined(separator: ",")) deploy/slurm/audit.sbatch ...)")
        }
        if let result = outcome.result, let html = result.indexFiles.first {
            lines.append("index: \(html)")
        } else {
            lines.append("index: not written (\(directory))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
