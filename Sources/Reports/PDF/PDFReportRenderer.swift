import CairoBackend
import Charts
import Diagnostics
import RunModel

/// Renders `report.pdf`: page 1 is a one-page summary (verdict, key facts, health table, top
/// findings with their first fix, the loss chart); then charts, findings in full, and run details.
/// Every section is a bookmark; text is selectable; the same input and date give the same bytes.
public struct PDFReportRenderer: Sendable {
    public var pageSize: PDFPageSize
    /// ISO 8601 creation date; nil pins it (see `PDFMetadata.createDate`).
    public var createDate: String?

    public init(pageSize: PDFPageSize = .a4, createDate: String? = nil) {
        self.pageSize = pageSize
        self.createDate = createDate
    }

    /// Below this a chart with a two-row legend and a note has no plot left to read.
    static let minimumSummaryChart = 170.0
    static let maximumSummaryChart = 250.0
    /// Page 1 keeps a shortened health table only while the chart still gets this much.
    static let preferredSummaryChart = 220.0
    static let topFindingLimit = 4
    /// A finding's chart excerpt: tall enough for a two-row legend, a log axis with four decade
    /// labels and its whole axis title ("gradient norm") beside a plot that still shows the curve.
    static let excerptHeight = 200.0

    public func render(_ document: ReportDocument) throws -> [UInt8] {
        let name = DisplayText.clean(document.run.name, limit: 200)
        let writer = try PDFDocumentWriter(
            pageSize: pageSize,
            metadata: PDFMetadata(title: "Training report: \(name)",
                                  subject: "\(document.verdict.label): \(DisplayText.clean(document.verdictReason))",
                                  creator: "trainreport \(document.toolVersion)", createDate: createDate),
            footer: "trainreport · \(name)")
        var compacted = false
        let onPageOne = summary(document, on: writer, compactedHealth: &compacted)
        writer.pageBreak()
        if compacted { healthDetails(document, on: writer) }
        charts(document, skipping: onPageOne, on: writer)
        findings(document, onPageOne: onPageOne, on: writer)
        details(document, on: writer)
        return try writer.finish()
    }

    // MARK: Page 1

    /// Page 1; returns the kind of the chart it drew, if any (the Charts section does not repeat it).
    @discardableResult
    func summary(_ document: ReportDocument, on writer: PDFDocumentWriter) -> String? {
        var compacted = false
        return summary(document, on: writer, compactedHealth: &compacted)
    }

    /// Page 1; `compactedHealth` is set when the health table was shortened to keep the loss chart
    /// on the page (the full table then opens page 2).
    func summary(_ document: ReportDocument, on writer: PDFDocumentWriter, compactedHealth: inout Bool) -> String? {
        writer.text("TRAINING REPORT", style: PDFTextStyle(size: 8, bold: true, color: .muted, spaceAfter: 2))
        writer.heading(DisplayText.clean(document.run.name, limit: 200), level: 1, bookmark: "Summary", style: .title)
        let colors = PDFReportRenderer.verdictColors(document.verdict)
        writer.callout(markup: "<b>\(document.verdict.label).</b> " + PangoMarkup.escape(DisplayText.clean(document.verdictReason)),
                       style: PDFTextStyle(size: 10.5), accent: colors.accent, fill: colors.fill)
        if !document.keyFacts.isEmpty {
            var rows: [[String]] = []
            var facts = document.keyFacts[...]
            while !facts.isEmpty {
                let pair = facts.prefix(2)
                facts = facts.dropFirst(2)
                var row: [String] = []
                for fact in pair {
                    row += [PangoMarkup.colored(fact.label, .muted), PangoMarkup.bold(DisplayText.clean(fact.value, limit: 160))]
                }
                while row.count < 4 { row.append("") }
                rows.append(row)
            }
            writer.table(PDFTable(header: [], rows: rows, widths: [1, 1.5, 1, 1.5], style: PDFTextStyle(size: 8.5, spaceAfter: 8)))
        }
        let hasLoss = document.chart(kind: "loss") ?? document.charts.first
        // The chart, its caption and the "N more in Findings below" line.
        let reserve = hasLoss.map { PDFReportRenderer.minimumSummaryChart + caption($0, on: writer) + 16 } ?? 0
        if !document.health.isEmpty {
            writer.text("Health", style: .heading2)
            let full = PDFReportRenderer.healthTable(document.health)
            // The table, the heading of the findings and the first finding must leave the chart its room.
            let first = document.findings.first.map {
                writer.measure(markup: PDFReportRenderer.topFindingMarkup($0), width: writer.contentWidth - 13) + PDFTextStyle.body.spaceAfter
            } ?? 14
            let after = 24 + first + reserve
            let compact = PDFReportRenderer.compactHealthTable(document.health)
            if hasLoss == nil || PDFReportRenderer.height(of: full, on: writer) + after <= writer.remainingHeight {
                writer.table(full)
            } else if PDFReportRenderer.height(of: compact, on: writer) + 14 + after
                        + (PDFReportRenderer.preferredSummaryChart - PDFReportRenderer.minimumSummaryChart) <= writer.remainingHeight {
                compactedHealth = true
                if !compact.rows.isEmpty { writer.table(compact) }
                writer.text(PDFReportRenderer.healthNote(document.health, listing: .notLogged), style: .small)
            } else {
                compactedHealth = true
                writer.text(PDFReportRenderer.healthNote(document.health, listing: nil), style: .small)
            }
        }
        let top = document.findings.prefix(PDFReportRenderer.topFindingLimit)
        if top.isEmpty {
            writer.text("Top findings", style: .heading2)
            writer.text("No findings: nothing in the logs looked wrong.")
        } else {
            writer.text("Top findings", style: .heading2)
            var shown = 0
            for finding in top {
                let markup = PDFReportRenderer.topFindingMarkup(finding)
                let height = writer.measure(markup: markup, width: writer.contentWidth - 13) + PDFTextStyle.body.spaceAfter
                // The most severe finding always; the others only while the chart keeps its room.
                // With the health table shortened for it, the chart gets more than its minimum.
                let room = reserve + (compactedHealth ? PDFReportRenderer.preferredSummaryChart - PDFReportRenderer.minimumSummaryChart : 0)
                guard shown == 0 || height < writer.remainingHeight - room else { break }
                writer.paragraph(markup: markup, bullet: "•")
                shown += 1
            }
            if document.findings.count > shown {
                writer.text("\(document.findings.count - shown) more in Findings below.", style: .small)
            }
        }
        if let chart = hasLoss {
            let height = min(PDFReportRenderer.maximumSummaryChart, writer.remainingHeight - caption(chart, on: writer))
            if height >= PDFReportRenderer.minimumSummaryChart {
                figure(chart, height: height, on: writer)
                return chart.kind
            }
        }
        return nil
    }

    /// The health table: what each metric measures, its healthy range, this run, a status.
    static func healthTable(_ health: [HealthRow]) -> PDFTable {
        let rows = health.map { row in
            [PangoMarkup.bold(DisplayText.clean(row.metric)), PangoMarkup.escape(DisplayText.clean(row.measures)),
             PangoMarkup.escape(DisplayText.clean(row.healthyRange)), PangoMarkup.escape(DisplayText.clean(row.observed)),
             PangoMarkup.colored(row.status.rawValue, statusColor(row.status), bold: true)]
        }
        return PDFTable(header: ["Metric", "What it measures", "Healthy range", "This run", "Status"], rows: rows,
                        widths: [1.2, 1.9, 1.6, 1.9, 0.8], style: PDFTextStyle(size: 7.5, spaceAfter: 8))
    }

    /// Page 1's health table when the full one would push the loss chart off the page (a failed
    /// run's long observations): metric, this run and status for what was logged (`healthNote`
    /// names the rest and points to the full table on page 2).
    static func compactHealthTable(_ health: [HealthRow]) -> PDFTable {
        let rows = health.filter { $0.status != .notLogged }.map { row in
            [PangoMarkup.bold(DisplayText.clean(row.metric)), PangoMarkup.escape(DisplayText.clean(row.observed, limit: 240)),
             PangoMarkup.colored(row.status.rawValue, statusColor(row.status), bold: true)]
        }
        return PDFTable(header: [], rows: rows, widths: [1.3, 6.2, 0.8], style: PDFTextStyle(size: 7.5, spaceAfter: 3))
    }

    /// The line under a shortened health table: the metrics with status `listing` by name (all
    /// statuses, grouped, when nil: the table is then left out), and where the full table is.
    static func healthNote(_ health: [HealthRow], listing: HealthStatus?) -> String {
        var parts: [String] = []
        for status in [HealthStatus.problem, .watch, .ok, .notLogged] where listing == nil || listing == status {
            let names = health.filter { $0.status == status }.map { DisplayText.clean($0.metric) }
            if !names.isEmpty { parts.append("\(status.rawValue.prefix(1).uppercased() + status.rawValue.dropFirst()): \(names.joined(separator: ", "))") }
        }
        let listed = parts.isEmpty ? "" : parts.joined(separator: "; ") + ". "
        return listed + (listing == nil ? "The health table is on page 2." : "What each metric measures and its healthy range: Health, page 2.")
    }

    /// The full health table, opening page 2 when page 1 had room only for the short one.
    func healthDetails(_ document: ReportDocument, on writer: PDFDocumentWriter) {
        writer.heading("Health")
        writer.table(PDFReportRenderer.healthTable(document.health))
    }

    /// The height `table` takes when drawn (rows of wrapped cells, 4 points of padding, as
    /// `PDFDocumentWriter.table` lays them out), without drawing it.
    static func height(of table: PDFTable, on writer: PDFDocumentWriter) -> Double {
        let total = table.widths.reduce(0, +)
        let widths = table.widths.map { $0 / total * writer.contentWidth }
        let padding = 4.0
        func row(_ cells: [String]) -> Double {
            zip(cells, widths).map { writer.measure(markup: $0, style: table.style, width: $1 - 2 * padding) }.max() ?? 0
        }
        let header = table.header.isEmpty ? 0 : row(table.header.map { PangoMarkup.bold($0) }) + 2 * padding
        return header + table.rows.reduce(0) { $0 + row($1) + 2 * padding } + table.style.spaceAfter
    }

    /// A chart `height` points tall with its description below.
    func figure(_ chart: ReportChart, height: Double, on writer: PDFDocumentWriter) {
        writer.drawing(height: height, spaceAfter: 2) { context, rect in chart.artwork.draw(on: context, in: rect) }
        writer.text(DisplayText.clean(chart.description), style: .small)
    }

    /// Height of a chart's description under it.
    func caption(_ chart: ReportChart, on writer: PDFDocumentWriter) -> Double {
        writer.measure(markup: PangoMarkup.escape(DisplayText.clean(chart.description)), style: .small, width: writer.contentWidth)
            + PDFTextStyle.small.spaceAfter + 2
    }

    static func topFindingMarkup(_ finding: Finding) -> String {
        var markup = PangoMarkup.colored(finding.severity.rawValue.uppercased(), severityColor(finding.severity), bold: true)
            + " " + PangoMarkup.bold(DisplayText.clean(finding.title, limit: 200))
        if let fix = finding.fixes.first {
            markup += "\n" + PangoMarkup.colored("Fix: ", .muted) + PangoMarkup.escape(DisplayText.clean(fix, limit: 300))
        }
        return markup
    }

    // MARK: Charts, findings, details

    func charts(_ document: ReportDocument, skipping onPageOne: String? = nil, on writer: PDFDocumentWriter) {
        writer.heading("Charts")
        if document.charts.isEmpty {
            writer.text("No charts: the logs hold no series to plot (no loss, learning rate, gradient norm, "
                        + "throughput or eval metric with values at steps).")
            writer.space(8)
        }
        for chart in document.charts {
            if chart.kind == onPageOne {
                writer.text("\(DisplayText.clean(chart.title)): on page 1.", style: .small)
                writer.space(4)
                continue
            }
            let height = chart.artwork.height(forWidth: writer.contentWidth, preferred: 250)
            writer.keepTogether(height + caption(chart, on: writer))
            writer.bookmark(DisplayText.clean(chart.title), level: 2)
            figure(chart, height: height, on: writer)
            writer.space(8)
        }
    }

    func findings(_ document: ReportDocument, onPageOne: String? = nil, on writer: PDFDocumentWriter) {
        writer.heading("Findings")
        if document.findings.isEmpty {
            writer.text("No findings: nothing in the logs looked wrong.")
        }
        for (index, finding) in document.findings.enumerated() {
            writer.heading("\(finding.severity.rawValue.capitalized): \(DisplayText.clean(finding.title, limit: 200))", level: 2)
            var meta = [finding.id]
            if let steps = finding.steps { meta.append(StepRangeText.format(steps)) }
            if let metric = finding.metric { meta.append(metric) }
            writer.text(DisplayText.clean(meta.joined(separator: " · ")), style: PDFTextStyle(family: PDFTextStyle.monoFamily, size: 8, color: .muted))
            writer.text(DisplayText.clean(finding.message))
            if !finding.evidence.isEmpty {
                let rows = finding.evidence.map {
                    [PangoMarkup.monospace(DisplayText.clean($0.name)), PangoMarkup.escape(DisplayText.clean(EvidenceText.format($0.value)))]
                }
                writer.table(PDFTable(header: ["Evidence", "Value"], rows: rows, widths: [1, 2], style: PDFTextStyle(size: 8, spaceAfter: 8)))
            }
            if let excerpt = document.findingExcerpts[index] {
                writer.keepTogether(Self.excerptHeight + caption(excerpt, on: writer))
                figure(excerpt, height: Self.excerptHeight, on: writer)
            } else if let chart = document.chartMarking(findingAt: index) {
                writer.text("Marked on the \(DisplayText.clean(chart.title).lowercased()) chart" + (chart.kind == onPageOne ? " on page 1." : " above."),
                            style: .small)
            }
            if !finding.why.isEmpty {
                writer.paragraph(markup: "<b>Why it matters.</b> " + PangoMarkup.escape(DisplayText.clean(finding.why)))
            }
            if !finding.fixes.isEmpty {
                writer.text("Fixes", style: PDFTextStyle(size: 9.5, bold: true, spaceAfter: 3))
                for (n, fix) in finding.fixes.enumerated() {
                    writer.paragraph(markup: PangoMarkup.escape(DisplayText.clean(fix)), style: PDFTextStyle(size: 9.5, spaceAfter: 3),
                                     bullet: "\(n + 1).")
                }
            }
            writer.space(10)
        }
    }

    func details(_ document: ReportDocument, on writer: PDFDocumentWriter) {
        let run = document.run
        writer.heading("Run details")
        if !document.trainingResults.isEmpty {
            writer.heading("Training results", level: 2)
            let table = document.trainingResults
            writer.table(PDFTable(header: table.columns.map { DisplayText.clean($0) },
                                  rows: table.rows.map { $0.map { PangoMarkup.escape(DisplayText.clean($0)) } },
                                  widths: table.columns.map { _ in 1 }, style: PDFTextStyle(size: 7.5, spaceAfter: 10)))
        }
        if !document.hyperparameters.isEmpty {
            writer.heading("Hyperparameters and metadata", level: 2)
            let rows = document.hyperparameters.map {
                [PangoMarkup.monospace(DisplayText.clean($0.label)), PangoMarkup.escape(DisplayText.clean($0.value, limit: 400))]
            }
            writer.table(PDFTable(header: ["Setting", "Value"], rows: rows, widths: [1, 1.6], style: PDFTextStyle(size: 8, spaceAfter: 10)))
        }
        writer.heading("Files read", level: 2)
        let sources = run.provenance.sources.map {
            [PangoMarkup.monospace(DisplayText.clean($0.path)), PangoMarkup.escape($0.format), PangoMarkup.escape(DisplayText.clean($0.note ?? ""))]
        }
        writer.table(PDFTable(header: ["File", "Format", "Note"], rows: sources, widths: [2.4, 1, 1.4], style: PDFTextStyle(size: 8, spaceAfter: 10)))
        if !document.unchartedSeries.isEmpty {
            writer.heading("Other logged series (not charted)", level: 2)
            writer.paragraph(markup: PangoMarkup.escape("Beyond the chart limit; their summaries are in report.json: ")
                             + document.unchartedSeries.map { PangoMarkup.monospace(DisplayText.clean($0)) }.joined(separator: ", "),
                             style: PDFTextStyle(size: 8.5, spaceAfter: 10), bullet: nil)
        }
        writer.heading("Ingest warnings and repairs", level: 2)
        let notes = PDFReportRenderer.ingestNotes(run)
        if notes.isEmpty {
            writer.text("None: every line was read as written.")
        }
        for note in notes {
            writer.paragraph(markup: note, style: PDFTextStyle(size: 8.5, spaceAfter: 3), bullet: "•")
        }
        writer.space(8)
        writer.text("Generated by trainreport \(document.toolVersion).", style: .small)
    }

    /// Ingest issues (restarts among them: `RunBuilder` records each) and notable log lines.
    static func ingestNotes(_ run: Run) -> [String] {
        var notes = run.provenance.issues.map { issue in
            PangoMarkup.colored(issue.kind.rawValue, .muted, bold: true) + " "
                + PangoMarkup.monospace(DisplayText.clean(issue.line.map { "\(issue.path):\($0)" } ?? issue.path)) + " "
                + PangoMarkup.escape(DisplayText.clean(issue.message))
        }
        notes += run.metadata.logEvents.map {
            PangoMarkup.colored($0.kind.rawValue, .muted, bold: true) + " "
                + PangoMarkup.monospace(DisplayText.clean("\($0.path):\($0.line)")) + " " + PangoMarkup.escape(DisplayText.clean($0.text))
        }
        return notes
    }

    // MARK: Colours

    static func verdictColors(_ verdict: Verdict) -> (accent: Color, fill: Color) {
        switch verdict {
        case .healthy: return (Color(hex: 0x1E7B34), Color(hex: 0xE6F4EA))
        case .attention: return (Color(hex: 0x9A6700), Color(hex: 0xFFF4D6))
        case .failed: return (Color(hex: 0xB3261E), Color(hex: 0xFDECEA))
        }
    }

    static func statusColor(_ status: HealthStatus) -> Color {
        switch status {
        case .ok: return Color(hex: 0x1E7B34)
        case .watch: return Color(hex: 0x8A5A00)
        case .problem: return Color(hex: 0xB3261E)
        case .notLogged: return .muted
        }
    }

    static func severityColor(_ severity: Severity) -> Color {
        switch severity {
        case .info: return Color(hex: 0x1F5F9A)
        case .warning: return Color(hex: 0x8A5A00)
        case .error: return Color(hex: 0xB3261E)
        }
    }
}
