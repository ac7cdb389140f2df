import CairoBackend
import Foundation

/// Writes one document's files into a run's report folder, each atomically: `report.pdf`,
/// `report.html`, `report.md` with its chart PNGs in `charts/`, `report.json`.
///
/// The files are rendered concurrently (they are independent and PNG encoding dominates), then
/// written one by one in a fixed order, so the output does not depend on scheduling.
public struct ReportWriter: Sendable {
    public var formats: Set<ReportFormat>
    public var pageSize: PDFPageSize
    public var templates: ReportTemplates
    /// PDF creation date (ISO 8601); nil for `PDFDate.pinned()`.
    public var createDate: String?
    /// Relative link from `report.html` back to the audit index, when an audit writes the report.
    public var indexLink: String?

    /// Size and density of the PNGs next to `report.md`: 1080 x 540 pixels, sharp at model-card width;
    /// PNG encoding dominates the report time, so not 2x.
    static let pngSize = (width: 720.0, height: 360.0, scale: 1.5)

    public init(formats: Set<ReportFormat>, pageSize: PDFPageSize = .a4, templates: ReportTemplates, createDate: String? = nil,
                indexLink: String? = nil) {
        self.formats = formats
        self.pageSize = pageSize
        self.templates = templates
        self.createDate = createDate
        self.indexLink = indexLink
    }

    /// One file to produce: its path inside the report folder and how to render it.
    struct FileJob: Sendable {
        var name: String
        var render: @Sendable () throws -> [UInt8]
    }

    /// Writes the files and returns their paths, in a fixed order. `protecting` holds resolved input
    /// paths that must never be written over; `omitting` names files not to write (`report.md` when
    /// only its charts are wanted, as for a model card).
    public func write(_ document: ReportDocument, to folder: String, protecting protected: Set<String> = [],
                      omitting: Set<String> = []) throws -> [String] {
        try AtomicFile.makeDirectory(folder, protecting: protected)
        let jobs = jobs(for: document).filter { !omitting.contains($0.name) }
        if jobs.contains(where: { $0.name.hasPrefix("charts/") }) {
            try AtomicFile.makeDirectory((folder as NSString).appendingPathComponent("charts"), protecting: protected)
        }
        let rendered = ConcurrentResults<[UInt8]>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            rendered.set(i, Result { try jobs[i].render() })
        }
        var written: [String] = []
        for (job, result) in zip(jobs, rendered.values) {
            let path = (folder as NSString).appendingPathComponent(job.name)
            try AtomicFile.write(try result.get(), to: path, protecting: protected)
            written.append(path)
        }
        return written
    }

    func jobs(for document: ReportDocument) -> [FileJob] {
        var jobs: [FileJob] = []
        let pageSize = pageSize, createDate = createDate, templates = templates, indexLink = indexLink
        for format in formats.sorted() {
            switch format {
            case .pdf:
                jobs.append(FileJob(name: format.fileName) {
                    try PDFReportRenderer(pageSize: pageSize, createDate: createDate).render(document)
                })
            case .html:
                jobs.append(FileJob(name: format.fileName) { Array(try HTMLReportRenderer(templates: templates, indexLink: indexLink).render(document).utf8) })
            case .md:
                for chart in document.charts {
                    jobs.append(FileJob(name: Self.pngPath(chart.kind)) {
                        try chart.artwork.png(width: Self.pngSize.width,
                                              height: chart.artwork.height(forWidth: Self.pngSize.width, preferred: Self.pngSize.height),
                                              scale: Self.pngSize.scale)
                    })
                }
                jobs.append(FileJob(name: format.fileName) { Array(MarkdownReportRenderer.render(document, chartPath: Self.pngPath).utf8) })
            case .json:
                jobs.append(FileJob(name: format.fileName) { Array(JSONReportRenderer.render(document).utf8) })
            }
        }
        return jobs
    }

    public static func pngPath(_ kind: String) -> String {
        "charts/\(RunFolderName.make(kind)).png"
    }
}
