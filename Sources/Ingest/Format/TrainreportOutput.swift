/// What trainreport itself writes, so that an archive holding earlier reports (next to the runs, or
/// an audit folder inside the archive) is not read back as runs.
public enum TrainreportOutput {
    /// The file an audit leaves in its output folder; a folder holding it is an audit's output.
    public static let auditManifestName = ".trainreport-audit.json"
    /// The progress record of an audit under way (or killed); a folder holding it is an audit's output too.
    public static let auditJournalName = ".trainreport-audit.journal"
    /// The folder a sharded audit (`audit --shard K/N`) keeps its state in: per-run state files and
    /// each shard's index. Written before any report, so a folder holding it is an audit's output too.
    public static let auditStateFolderName = ".trainreport-state"

    /// Whether a file's first bytes are one of trainreport's JSON outputs (`report.json`,
    /// `compare.json`, an audit `index.json`): they open with `schema_version` and name the tool.
    public static func isOwnJSON(prefix: [UInt8]) -> Bool {
        let head = String(decoding: prefix.prefix(160), as: UTF8.self)
        return head.hasPrefix("{") && head.contains("\"schema_version\"")
            && (head.contains("\"name\": \"trainreport\"") || head.contains("\"tool_version\""))
    }
}
