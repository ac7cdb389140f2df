import CairoBackend
import Ingest
import Reports
import RunModel

/// The audit digest as PDF: counts by verdict, the runs that need attention first (with why), then
/// every run in one table.
struct IndexPDFRenderer {
    var pageSize: PDFPageSize
    var createDate: String?

    func render(_ index: AuditIndex, problems: [RunDiscovery.Note]) throws -> [UInt8] {
        let metadata = PDFMetadata(title: "Training runs audit", subject: "\(index.rows.count) runs",
                                   creator: "trainreport \(TrainReportVersion.current)", createDate: createDate)
        let writer = try PDFDocumentWriter(pageSize: pageSize, metadata: metadata, footer: "trainreport audit")
        writer.heading("Training runs audit", level: 0, bookmark: "Summary", style: .title)
        let counts = index.verdictCounts.filter { $0.count > 0 }
            .map { "\(IndexHTMLRenderer.label(of: $0.verdict)): \($0.count)" }.joined(separator: " · ")
        writer.text("\(index.rows.count) runs. \(counts)")
        let attention = index.needingAttention
        writer.heading("Runs that need attention", level: 1, bookmark: "Runs that need attention")
        if attention.isEmpty {
            writer.text("None: every run was read and came out healthy.")
        } else {
            writer.table(PDFTable(
                header: ["Run", "Path", "Verdict", "Why"],
                rows: attention.map { r in
                    [Self.shown(r.name), Self.shown(r.path), IndexHTMLRenderer.label(of: r.verdict),
                     DisplayText.clean(r.error ?? r.verdictReason, limit: 600)].map(PangoMarkup.escape)
                },
                widths: [2, 3, 1.3, 5]))
        }
        writer.heading("All runs", level: 1, bookmark: "All runs")
        writer.table(PDFTable(
            header: ["Run", "Format", "Steps", "Final train loss", "Best eval loss", "Verdict", "E/W/I"],
            rows: index.rows.map { r in
                [Self.shown(r.name), r.format, r.steps.map(ReportNumber.integer) ?? "—", ReportNumber.format(r.finalTrainLoss),
                 r.bestEvalLoss.map { "\(ReportNumber.format($0)) @ \(r.bestEvalStep.map(ReportNumber.integer) ?? "?")" } ?? "—",
                 IndexHTMLRenderer.label(of: r.verdict), "\(r.errors)/\(r.warnings)/\(r.infos)"].map(PangoMarkup.escape)
            },
            widths: [3, 2, 1.2, 1.5, 1.8, 1.5, 1]))
        if !problems.isEmpty {
            writer.heading("Folders that could not be searched", level: 1, bookmark: "Problems")
            for p in problems { writer.text(DisplayText.clean("\(p.path): \(p.message)", limit: 600)) }
        }
        return try writer.finish()
    }

    /// A name or path as a table cell: cut at 200 characters with an ellipsis (the full value is in
    /// index.json and index.csv). Laying out a 100,000-character MLflow run name took minutes.
    static func shown(_ text: String) -> String { DisplayText.clean(text, limit: 200) }
}
