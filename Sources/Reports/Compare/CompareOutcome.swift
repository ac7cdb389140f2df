import Ingest
/// What `compare` did: the comparison (nil when fewer than two runs could be read), the files
/// written, and the inputs or outputs that failed.
public struct CompareOutcome: Sendable {
    public var comparison: Comparison?
    public var files: [String]
    public var failures: [PathFailure]

    public init(comparison: Comparison?, files: [String], failures: [PathFailure]) {
        self.comparison = comparison
        self.files = files
        self.failures = failures
    }

    /// 0 when every input was read and every file written; else 2.
    public var exitCode: Int32 { failures.isEmpty && comparison != nil ? 0 : 2 }
}
