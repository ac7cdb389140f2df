import CairoBackend
import Foundation

/// Writes one document's files into a run's report folder, each atomically: `report.pdf`,
/// `report.html`, `report.md` with its chart PNGs in `charts/`, `report.json`.
public struct ReportWriter: Sendable {
    public var formats: Set<ReportFormat>
    public var pageSize: PDFPageSize
    public var templates: ReportTemplates
    /// PDF creation date (ISO 8601); nil pins a fixed date.
    public var createDate: String?

    /// Size and density of the PNGs next to `report.md`.
    static let pngSize = (width: 720.0, height: 360.0, scale: 2.0)

    public init(formats: Set<ReportFormat>, pageSize: PDFPageSize = .a4, templates: ReportTemplates, createDate: String? = nil) {
        self.formats = formats
        self.pageSize = pageSize
        self.templates = templates
        self.createDate = createDate
    }

    /// Writes the files and returns their paths, in a fixed order. `protecting` holds resolved input
    /// paths that must never be written over.
    public func write(_ document: ReportDocument, to folder: String, protecting protected: Set<String> = []) throws -> [String] {
        try AtomicFile.makeDirectory(folder, protecting: protected)
        var written: [String] = []
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        for format in formats.sorted() {
            let target = path(format.fileName)
            switch format {
            case .pdf:
                try AtomicFile.write(PDFReportRenderer(pageSize: pageSize, createDate: createDate).render(document), to: target, protecting: protected)
            case .html:
                try AtomicFile.write(try HTMLReportRenderer(templates: templates).render(document), to: target, protecting: protected)
            case .md:
                if !document.charts.isEmpty {
                    try AtomicFile.makeDirectory(path("charts"), protecting: protected)
                }
                for chart in document.charts {
                    let png = chart.artwork.png(width: Self.pngSize.width, height: Self.pngSize.height, scale: Self.pngSize.scale)
                    let file = path("charts/\(RunFolderName.make(chart.kind)).png")
                    try AtomicFile.write(png, to: file, protecting: protected)
                    written.append(file)
                }
                try AtomicFile.write(MarkdownReportRenderer.render(document) { "charts/\(RunFolderName.make($0)).png" }, to: target,
                                     protecting: protected)
            case .json:
                try AtomicFile.write(JSONReportRenderer.render(document), to: target, protecting: protected)
            }
            written.append(target)
        }
        return written
    }
}
