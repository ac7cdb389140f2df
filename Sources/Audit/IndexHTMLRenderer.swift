import Ingest
import Reports
import RunModel

/// Renders the audit index as one self-contained HTML page (template `index`): a table of every run,
/// sortable by column and filterable by verdict, finding id, format and text, with no external
/// requests. Mustache escapes every value taken from the logs.
struct IndexHTMLRenderer {
    var templates: ReportTemplates

    struct View {
        var toolVersion: String
        var runCount: Int
        var counts: [Count]
        var hasProblems: Bool
        var problems: [Problem]
        var rows: [Row]
        /// Every finding id in the index with the number of runs it appears in, for the filter.
        var findingOptions: [Option]
        var formatOptions: [Option]
    }

    struct Option {
        var value: String
        var count: Int
    }

    /// A finding id shown as a badge; `severity` is `error`, `warning` or `info`.
    struct Badge {
        var id: String
        var severity: String
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
        /// The run's own start time from its logs (empty when unknown).
        var started: String
        var shortStarted: String
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
        /// What is wrong in a few words (the top findings' titles), or the error of an unreadable run.
        var summary: String?
        /// Finding ids by severity, errors first, infos last.
        var badges: [Badge]
        var hasBadges: Bool
        /// Every finding id, space-separated, for the finding filter.
        var ids: String
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
            Row(name: r.name, path: r.path, date: r.date, shortDate: Self.shortDate(r.date),
                started: r.started ?? "", shortStarted: r.started.map(Self.shortDate) ?? "—", format: r.format,
                steps: r.steps.map(ReportNumber.integer) ?? "—", stepsValue: r.steps.map(String.init) ?? "",
                finalTrainLoss: ReportNumber.format(r.finalTrainLoss), finalTrainLossValue: Self.sortValue(r.finalTrainLoss),
                bestEvalLoss: ReportNumber.format(r.bestEvalLoss), bestEvalLossValue: Self.sortValue(r.bestEvalLoss),
                bestEvalStep: r.bestEvalStep.map(ReportNumber.integer),
                verdict: r.verdict, verdictLabel: Self.label(of: r.verdict), rank: r.attentionRank,
                summary: r.error ?? (r.summary.isEmpty ? nil : r.summary), badges: Self.badges(r), hasBadges: !(r.findingIds + r.infoIds).isEmpty,
                ids: (r.findingIds + r.infoIds).joined(separator: " "),
                findingCounts: Self.counts(r), findingsValue: r.errors * 1_000_000 + r.warnings * 1_000 + r.infos,
                report: r.reportDir.map { $0 + "/" + (reportFile ?? "") })
        }
        let view = View(
            toolVersion: TrainReportVersion.current, runCount: index.rows.count,
            counts: index.verdictCounts.filter { $0.count > 0 }.map { Count(verdict: $0.verdict, label: Self.label(of: $0.verdict), count: $0.count) },
            hasProblems: !problems.isEmpty, problems: problems.map { Problem(path: $0.path, message: $0.message) }, rows: rows,
            findingOptions: Self.options(index.rows.flatMap { Set($0.findingIds + $0.infoIds) }),
            formatOptions: Self.options(index.rows.map(\.format).filter { !$0.isEmpty }))
        return try templates.render(view, template: "index")
    }

    /// Findings come sorted most severe first, so the first `errors` ids are the errors.
    static func badges(_ r: AuditRow) -> [Badge] {
        r.findingIds.enumerated().map { Badge(id: $0.element, severity: $0.offset < r.errors ? "error" : "warning") }
            + r.infoIds.map { Badge(id: $0, severity: "info") }
    }

    /// Distinct values with how many times each occurs, sorted by value.
    static func options(_ values: [String]) -> [Option] {
        Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +).sorted { $0.key < $1.key }.map { Option(value: $0.key, count: $0.value) }
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
