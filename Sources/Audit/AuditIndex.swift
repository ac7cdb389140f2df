import RunModel

/// The audit's table of runs, rendered as CSV and JSON. Rows come sorted by path, so parallel and
/// serial audits, and the merge of a sharded one, write identical files (runs with the same path and
/// name, under two archive roots, by their report folder).
public struct AuditIndex: Sendable, Equatable {
    public var rows: [AuditRow]

    public init(rows: [AuditRow]) {
        self.rows = rows.sorted {
            ($0.path, $0.name, $0.reportDir ?? "", $0.error ?? "") < ($1.path, $1.name, $1.reportDir ?? "", $1.error ?? "")
        }
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

    /// Quotes a field when it holds a comma, quote or line break; a leading `=`, `+`, `@`, TAB or CR
    /// from a log (and `-` unless the cell is a number) is prefixed with `'` so spreadsheets do not
    /// run it as a formula (OWASP's CSV injection list).
    static func csvField(_ s: String) -> String {
        var s = s
        if let first = s.unicodeScalars.first, "=+@\t\r".unicodeScalars.contains(first) || (first == "-" && Double(s) == nil) {
            s = "'" + s
        }
        // By scalar: Swift reads "\r\n" as one Character, equal to neither "\r" nor "\n".
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
