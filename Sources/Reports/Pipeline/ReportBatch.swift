import Diagnostics
import Ingest

/// The result of reporting several inputs: one outcome per run, one failure per input that could
/// not be read or written (the others were still reported).
public struct ReportBatch: Sendable {
    public var outcomes: [ReportOutcome]
    public var failures: [PathFailure]
    /// Files passed over while walking directories, with the reason (for `--verbose`).
    public var skipped: [RunDiscovery.Note] = []

    /// 2 when any input failed; else 1 when a finding reaches `failOn`; else 0.
    public func exitCode(failOn: Severity?) -> Int32 {
        if !failures.isEmpty { return 2 }
        if let failOn, outcomes.contains(where: { $0.worstSeverity.map { $0 >= failOn } ?? false }) { return 1 }
        return 0
    }
}
