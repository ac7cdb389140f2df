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

    /// A finding id shown as a badge; `severity` is `error`, `warning` or `info`; `label` is the id,
    /// with a count when the run has it more than once (`resumed ×3`).
    struct Badge {
        var id: String
        var severity: String
        var label: String
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
        /// `date` as day and time of day (`2026-03-01`, `12:00`), shown on two lines.
        var dateDay: String
        var dateTime: String
        /// The run's own start time from its logs (empty when unknown; shown as a dash).
        var started: String
        var startedDay: String
        var startedTime: String
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
        let rows = index.rows.map { Self.row($0, reportFile: reportFile) }
        let view = View(
            toolVersion: TrainReportVersion.current, runCount: index.rows.count,
            counts: index.verdictCounts.filter { $0.count > 0 }.map { Count(verdict: $0.verdict, label: Self.label(of: $0.verdict), count: $0.count) },
            hasProblems: !problems.isEmpty,
            problems: problems.map { Problem(path: ControlCharacters.replaced(in: $0.path), message: ControlCharacters.replaced(in: $0.message)) },
            rows: rows,
            findingOptions: Self.options(index.rows.flatMap { Set($0.findingIds + $0.infoIds) }),
            formatOptions: Self.options(index.rows.map(\.format).filter { !$0.isEmpty }))
        return try templates.render(view, template: "index")
    }

    /// The page's view of one run.
    static func row(_ r: AuditRow, reportFile: String?) -> Row {
        Row(name: r.name, path: r.path, date: r.date, dateDay: Self.day(r.date), dateTime: Self.time(r.date),
            started: r.started ?? "", startedDay: r.started.map(Self.day) ?? "—", startedTime: r.started.map(Self.time) ?? "",
            format: r.format,
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

    /// Findings come sorted most severe first, so the first `errors` ids are the errors.
    static func badges(_ r: AuditRow) -> [Badge] {
        let all = r.findingIds.enumerated().map { ($0.element, $0.offset < r.errors ? "error" : "warning") } + r.infoIds.map { ($0, "info") }
        var badges: [Badge] = []
        var counts: [String: Int] = [:]
        for (id, severity) in all {
            counts["\(severity) \(id)", default: 0] += 1
            if counts["\(severity) \(id)"] == 1 { badges.append(Badge(id: id, severity: severity, label: id)) }
        }
        return badges.map { b in
            let n = counts["\(b.severity) \(b.id)"] ?? 1
            return n > 1 ? Badge(id: b.id, severity: b.severity, label: "\(b.id) ×\(n)") : b
        }
    }

    /// Distinct values with how many times each occurs, sorted by value.
    static func options(_ values: [String]) -> [Option] {
        Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +).sorted { $0.key < $1.key }.map { Option(value: $0.key, count: $0.value) }
    }

    /// `2026-03-01T12:00:00Z` as `2026-03-01` and `12:00`.
    static func day(_ iso: String) -> String { String(iso.prefix(10)) }
    static func time(_ iso: String) -> String { iso.count >= 16 ? String(iso.dropFirst(11).prefix(5)) : "" }

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
