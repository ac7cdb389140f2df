import Ingest
import Reports
import RunModel

/// Renders the audit index as one self-contained HTML page (template `index`): a table of every run,
/// sortable by column and filterable by verdict and text, with no external requests. Mustache escapes
/// every value taken from the logs.
struct IndexHTMLRenderer {
    var templates: ReportTemplates

    struct View {
        var toolVersion: String
        var runCount: Int
        var counts: [Count]
        var hasProblems: Bool
        var problems: [Problem]
        var rows: [Row]
    }

    struct Count {
        var verdict: String
        var label: String
        var count: Int
    }

    struct Problem {
        var path: String
        var message: String
    }

    struct Row {
        var name: String
        var path: String
        var date: String
        var shortDate: String
        var format: String
        var steps: String
        var stepsValue: String
        var finalTrainLoss: String
        var finalTrainLossValue: String
        var bestEvalLoss: String
        var bestEvalLossValue: String
        var bestEvalStep: String?
        var verdict: String
        var verdictLabel: String
        var rank: Int
        /// Finding ids, or the error of an unreadable run.
        var detail: String?
        /// "1 error, 2 warnings", or "none".
        var findingCounts: String
        /// Sorts by errors, then warnings, then infos.
        var findingsValue: Int
        /// Relative link to the run's report (its HTML when written, else its folder).
        var report: String?
    }

    static func label(of verdict: String) -> String {
        verdict == "error" ? "could not be read" : verdict
    }

    func render(_ index: AuditIndex, problems: [RunDiscovery.Note], reportFile: String? = "report.html") throws -> String {
        let rows = index.rows.map { r in
            Row(name: r.name, path: r.path, date: r.date, shortDate: Self.shortDate(r.date), format: r.format,
                steps: r.steps.map(ReportNumber.integer) ?? "—", stepsValue: r.steps.map(String.init) ?? "",
                finalTrainLoss: ReportNumber.format(r.finalTrainLoss), finalTrainLossValue: Self.sortValue(r.finalTrainLoss),
                bestEvalLoss: ReportNumber.format(r.bestEvalLoss), bestEvalLossValue: Self.sortValue(r.bestEvalLoss),
                bestEvalStep: r.bestEvalStep.map(ReportNumber.integer),
                verdict: r.verdict, verdictLabel: Self.label(of: r.verdict), rank: r.attentionRank,
                detail: r.error ?? (r.findingIds.isEmpty ? nil : r.findingIds.joined(separator: ", ")),
                findingCounts: Self.counts(r), findingsValue: r.errors * 1_000_000 + r.warnings * 1_000 + r.infos,
                report: r.reportDir.map { $0 + "/" + (reportFile ?? "") })
        }
        let view = View(
            toolVersion: TrainReportVersion.current, runCount: index.rows.count,
            counts: index.verdictCounts.filter { $0.count > 0 }.map { Count(verdict: $0.verdict, label: Self.label(of: $0.verdict), count: $0.count) },
            hasProblems: !problems.isEmpty, problems: problems.map { Problem(path: ControlCharacters.replaced(in: $0.path), message: ControlCharacters.replaced(in: $0.message)) }, rows: rows)
        return try templates.render(view, template: "index")
    }

    /// `2026-03-01T12:00:00Z` as `2026-03-01 12:00`.
    static func shortDate(_ iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5)
    }

    static func counts(_ r: AuditRow) -> String {
        let parts = [(r.errors, "error"), (r.warnings, "warning"), (r.infos, "info")].filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)\($0.0 == 1 || $0.1 == "info" ? "" : "s")" }
        if r.verdict == "error" { return "—" }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    /// A number for the sort script: finite values as written, nothing for missing or non-finite.
    static func sortValue(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return "\(value)"
    }
}
