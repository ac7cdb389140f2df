import CairoBackend
import Charts
import Diagnostics

/// Everything `report` lets a user choose, for one or many runs.
public struct ReportOptions: Sendable {
    public var formats: Set<ReportFormat>
    public var pageSize: PDFPageSize
    public var templates: ReportTemplates
    public var diagnostics: DiagnosticsConfig
    public var charts: ChartOptions
    /// PDF creation date (ISO 8601); nil for `PDFDate.pinned()` (`SOURCE_DATE_EPOCH` or a fixed date).
    public var createDate: String?
    /// Relative link from each `report.html` back to the audit index (`audit` sets `../index.html`).
    public var indexLink: String?

    public init(formats: Set<ReportFormat> = Set(ReportFormat.allCases), pageSize: PDFPageSize = .a4, templates: ReportTemplates,
                diagnostics: DiagnosticsConfig = .default, charts: ChartOptions = .init(), createDate: String? = nil) {
        self.formats = formats
        self.pageSize = pageSize
        self.templates = templates
        self.diagnostics = diagnostics
        self.charts = charts
        self.createDate = createDate
    }

    var writer: ReportWriter {
        ReportWriter(formats: formats, pageSize: pageSize, templates: templates, createDate: createDate, indexLink: indexLink)
    }
}

/// The page size names `--page-size` accepts (`a4`, `letter`).
public typealias ReportPageSize = PDFPageSize
