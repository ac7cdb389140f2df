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
                header: ["Run", "Path", "Verdict", "What is wrong"],
                rows: attention.map { r in
                    [Self.breakable(r.name), Self.breakable(r.path), PangoMarkup.escape(IndexHTMLRenderer.label(of: r.verdict)),
                     PangoMarkup.escape(r.error ?? (r.summary.isEmpty ? r.verdictReason : r.summary))]
                },
                widths: [2, 2.6, 1.2, 5]))
        }
        writer.heading("All runs", level: 1, bookmark: "All runs")
        writer.table(PDFTable(
            header: ["Run", "Verdict", "Findings", "Steps", "Final train loss", "Best eval loss", "Format", "Started"],
            rows: index.rows.map { r in
                [Self.breakable(r.name)] + [
                    IndexHTMLRenderer.label(of: r.verdict), IndexHTMLRenderer.counts(r), r.steps.map(ReportNumber.integer) ?? "—",
                    ReportNumber.format(r.finalTrainLoss),
                    r.bestEvalLoss.map { "\(ReportNumber.format($0)) at step \(r.bestEvalStep.map(ReportNumber.integer) ?? "?")" } ?? "—",
                    r.format, r.started.map(IndexHTMLRenderer.shortDate) ?? "—",
                ].map(PangoMarkup.escape)
            },
            widths: [3, 1.3, 1.6, 1.3, 1.1, 1.6, 1.9, 2.1]))
        if !problems.isEmpty {
            writer.heading("Folders that could not be searched", level: 1, bookmark: "Problems")
            for p in problems { writer.text("\(p.path): \(p.message)") }
        }
        return try writer.finish()
    }

    /// Names and paths from logs (`ByErenOzer__Whisper_Finetune`) are single "words" to Pango, which
    /// would break them anywhere and hyphenate ("Whisp-er"). A zero-width space after each `_`, `/`
    /// and `.`, and between a lowercase and an uppercase letter (`Digital|Intelligence`), gives the
    /// line breaker the places a reader would break at; hyphens are turned off.
    static func breakable(_ text: String) -> String {
        var out = ""
        var previous: Character?
        for c in PangoMarkup.escape(text) {
            if let p = previous, p.isLowercase, c.isUppercase { out.append("\u{200B}") }
            out.append(c)
            if c == "_" || c == "/" || c == "." { out.append("\u{200B}") }
            previous = c
        }
        return "<span insert_hyphens=\"false\">\(out)</span>"
    }
}
