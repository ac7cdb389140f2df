import RunModel

/// The audit's table of runs, rendered as CSV and JSON. Rows come sorted by path, so parallel and
/// serial audits write identical files.
public struct AuditIndex: Sendable, Equatable {
    public var rows: [AuditRow]

    public init(rows: [AuditRow]) {
        self.rows = rows.sorted { ($0.path, $0.name) < ($1.path, $1.name) }
    }

    public var verdictCounts: [(verdict: String, count: Int)] {
        ["failed", "error", "attention", "healthy"].map { v in (v, rows.filter { $0.verdict == v }.count) }
    }

    /// Runs that need a look first: failed, unreadable, then attention; each group by path.
    public var needingAttention: [AuditRow] {
        rows.filter { $0.attentionRank < 3 }.sorted { ($0.attentionRank, $0.path) < ($1.attentionRank, $1.path) }
    }

    public static let csvHeader = ["name", "path", "date", "format", "steps", "final_train_loss", "best_eval_loss",
                                   "best_eval_step", "verdict", "errors", "warnings", "infos", "finding_ids", "report", "error",
                                   "started", "summary", "info_ids"]

    /// RFC 4180 CSV with a header row, `\n` line ends.
    public func csv() -> String {
        var out = AuditIndex.csvHeader.joined(separator: ",") + "\n"
        for r in rows {
            let fields: [String] = [
                r.name, r.path, r.date, r.format, r.steps.map(String.init) ?? "", AuditIndex.number(r.finalTrainLoss),
                AuditIndex.number(r.bestEvalLoss), r.bestEvalStep.map(String.init) ?? "", r.verdict, String(r.errors),
                String(r.warnings), String(r.infos), r.findingIds.joined(separator: " "), r.reportDir.map { $0 + "/" } ?? "",
                r.error ?? "", r.started ?? "", r.summary, r.infoIds.joined(separator: " "),
            ]
            out += fields.map(AuditIndex.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    public func json() -> String {
        JSONValue.object([
            ("schema_version", .int(1)),
            ("tool_version", .string(TrainReportVersion.current)),
            ("runs", .array(rows.map(\.json))),
        ]).serialized()
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return "\(value)"
    }

    /// Quotes a field when it holds a comma, quote or line break; a leading `=`, `+`, `-`, `@` from a
    /// log is prefixed with `'` so spreadsheets do not run it as a formula.
    static func csvField(_ s: String) -> String {
        var s = s
        if let first = s.first, "=+@".contains(first) || (first == "-" && Double(s) == nil) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
