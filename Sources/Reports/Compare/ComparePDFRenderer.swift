import CairoBackend
import Charts
import Diagnostics

/// Renders `compare.pdf`: page 1 answers which run is best (the winner sentence, the outcome table,
/// the settings that differ and those shared); then the overlay charts (the first one still on
/// page 1 when it fits) and the inputs. Every section
/// is a bookmark; text is selectable; the same input and date give the same bytes.
public struct ComparePDFRenderer: Sendable {
    public var pageSize: PDFPageSize
    /// ISO 8601 creation date; nil pins it (see `PDFMetadata.createDate`).
    public var createDate: String?

    public init(pageSize: PDFPageSize = .a4, createDate: String? = nil) {
        self.pageSize = pageSize
        self.createDate = createDate
    }

    static let chartHeight = 250.0

    public func render(_ comparison: Comparison) throws -> [UInt8] {
        let title = DisplayText.clean(comparison.title)
        let writer = try PDFDocumentWriter(
            pageSize: pageSize,
            metadata: PDFMetadata(title: "Run comparison: \(title)", subject: DisplayText.clean(comparison.winner.sentence),
                                  creator: "trainreport \(comparison.toolVersion)", createDate: createDate),
            footer: "trainreport · compare · \(title)")
        summary(comparison, title: title, on: writer)
        settings(comparison, on: writer)
        charts(comparison, on: writer)
        inputs(comparison, on: writer)
        return try writer.finish()
    }

    /// A coloured square and the run's name, as markup; the colour is the run's line in the charts.
    static func runLabel(_ comparison: Comparison, _ index: Int) -> String {
        PangoMarkup.colored("■", Palette.series(index)) + " "
            + PangoMarkup.bold(DisplayText.clean(comparison.runs[index].name, limit: 200))
    }

    func summary(_ comparison: Comparison, title: String, on writer: PDFDocumentWriter) {
        writer.text("RUN COMPARISON", style: PDFTextStyle(size: 8, bold: true, color: .muted, spaceAfter: 2))
        writer.heading(title, level: 1, bookmark: "Outcome", style: .title)
        let winner = comparison.winner
        let colors = winner.winner == nil
            ? (Color.muted, Color.headerFill)
            : PDFReportRenderer.verdictColors(winner.caveat == nil ? .healthy : .attention)
        writer.callout(markup: PangoMarkup.escape(DisplayText.clean(winner.sentence)), style: PDFTextStyle(size: 10.5),
                       accent: colors.0, fill: colors.1)
        writer.text("Outcome", style: .heading2)
        let metric = winner.basis == .evalMetric ? winner.metric : nil
        var header = ["Run", "Verdict", "Best eval loss", "Final eval loss", "Final train loss"]
        var widths = [1.7, 0.9, 1.2, 1.2, 1.2]
        if let metric {
            header.append("Best " + (metric.hasPrefix("eval/") ? String(metric.dropFirst(5)) : metric))
            widths.append(1.2)
        }
        header.append("Findings")
        widths.append(1.6)
        let rows = comparison.runs.enumerated().map { index, run -> [String] in
            var row = [
                ComparePDFRenderer.runLabel(comparison, index) + (winner.winner == index ? "\n" + PangoMarkup.colored("best", .muted) : ""),
                PangoMarkup.colored(run.verdict.label, ComparePDFRenderer.verdictColor(run.verdict), bold: true),
                ComparePDFRenderer.measure(run.bestEvalLoss),
                ComparePDFRenderer.measure(run.finalEvalLoss),
                ComparePDFRenderer.measure(run.finalTrainLoss),
            ]
            if let metric { row.append(ComparePDFRenderer.measure(run.metric(named: metric)?.best)) }
            var findings = PangoMarkup.escape(run.findingCountText)
            if !run.findingIDs.isEmpty {
                findings += "\n" + PangoMarkup.colored(DisplayText.clean(run.findingIDs.joined(separator: ", ")), .muted)
            }
            row.append(findings)
            return row
        }
        writer.table(PDFTable(header: header, rows: rows, widths: widths, style: PDFTextStyle(size: 8, spaceAfter: 10)))
    }

    func settings(_ comparison: Comparison, on writer: PDFDocumentWriter) {
        let table = comparison.hyperparameters
        writer.heading("Settings that differ", level: 2, keepWithNext: 60)
        if table.differing.isEmpty {
            writer.text("No setting the files state differs between the runs.")
        } else {
            let header = ["Setting"] + comparison.runs.map { DisplayText.clean($0.name, limit: 60) }
            let rows = table.differing.map { row in
                [PangoMarkup.monospace(DisplayText.clean(row.key))]
                    + row.values.map { $0.map { PangoMarkup.escape(DisplayText.clean($0, limit: 300)) } ?? PangoMarkup.colored("not stated", .muted) }
            }
            writer.table(PDFTable(header: header, rows: rows, widths: [1.3] + comparison.runs.map { _ in 1 },
                                  style: PDFTextStyle(size: 8, spaceAfter: 10)))
        }
        guard !table.shared.isEmpty else { return }
        writer.heading("Shared by every run (\(table.shared.count))", level: 2, keepWithNext: 40)
        var rows: [[String]] = []
        var facts = table.shared[...]
        while !facts.isEmpty {
            var row: [String] = []
            for fact in facts.prefix(2) {
                row += [PangoMarkup.monospace(DisplayText.clean(fact.label)), PangoMarkup.escape(DisplayText.clean(fact.value, limit: 160))]
            }
            facts = facts.dropFirst(2)
            while row.count < 4 { row.append("") }
            rows.append(row)
        }
        writer.table(PDFTable(header: [], rows: rows, widths: [1.3, 1, 1.3, 1], style: PDFTextStyle(size: 7.5, spaceAfter: 10)))
    }

    func charts(_ comparison: Comparison, on writer: PDFDocumentWriter) {
        guard !comparison.charts.isEmpty else { return }
        writer.heading("Charts", keepWithNext: Self.chartHeight + 60)
        if let note = comparison.xAxisNote {
            writer.text(DisplayText.clean(note), style: .small)
        }
        let legend = comparison.runs.indices.map { ComparePDFRenderer.runLabel(comparison, $0) }.joined(separator: "    ")
        writer.paragraph(markup: legend, style: PDFTextStyle(size: 8.5, spaceAfter: 8))
        for chart in comparison.charts {
            let caption = writer.measure(markup: PangoMarkup.escape(DisplayText.clean(chart.description)), style: .small,
                                         width: writer.contentWidth) + PDFTextStyle.small.spaceAfter + 2
            writer.keepTogether(Self.chartHeight + caption)
            writer.bookmark(DisplayText.clean(chart.title), level: 2)
            writer.drawing(height: Self.chartHeight, spaceAfter: 2) { context, rect in chart.artwork.draw(on: context, in: rect) }
            writer.text(DisplayText.clean(chart.description), style: .small)
            writer.space(8)
        }
    }

    func inputs(_ comparison: Comparison, on writer: PDFDocumentWriter) {
        writer.heading("Inputs", keepWithNext: 80)
        let rows = comparison.runs.enumerated().map { index, run in
            [ComparePDFRenderer.runLabel(comparison, index), PangoMarkup.escape(run.format),
             run.sources.map { PangoMarkup.monospace(DisplayText.clean($0)) }.joined(separator: "\n")]
        }
        writer.table(PDFTable(header: ["Run", "Format", "Files read"], rows: rows, widths: [1.3, 0.9, 2.6],
                              style: PDFTextStyle(size: 8, spaceAfter: 10)))
        if !comparison.unreadable.isEmpty {
            writer.heading("Could not be read", level: 2, keepWithNext: 30)
            for failure in comparison.unreadable {
                writer.paragraph(markup: PangoMarkup.monospace(DisplayText.clean(failure.path)) + " "
                                 + PangoMarkup.escape(DisplayText.clean(failure.message)), style: PDFTextStyle(size: 8.5, spaceAfter: 3), bullet: "•")
            }
        }
        writer.space(8)
        writer.text("Generated by trainreport \(comparison.toolVersion).", style: .small)
    }

    /// The value, and under it in grey the step it was logged at; a dash when there is none.
    static func measure(_ value: StepValue?) -> String {
        guard let value else { return "—" }
        return PangoMarkup.escape(ReportNumber.format(value.value)) + "\n"
            + PangoMarkup.colored("step \(ReportNumber.integer(value.step))", .muted)
    }

    static func verdictColor(_ verdict: Verdict) -> Color {
        PDFReportRenderer.verdictColors(verdict).accent
    }
}
