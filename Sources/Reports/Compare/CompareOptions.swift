import CairoBackend
import Charts
import Diagnostics

/// Everything `compare` lets a user choose.
public struct CompareOptions: Sendable {
    /// The outputs to write: `pdf`, `html`, `json` (`md` is not a comparison output).
    public var formats: Set<ReportFormat>
    public var pageSize: PDFPageSize
    public var templates: ReportTemplates
    public var diagnostics: DiagnosticsConfig
    /// Chart choices; `xAxis` is the one asked for (steps for all when a run lacks it).
    public var charts: ChartOptions
    /// PDF creation date (ISO 8601); nil for `PDFDate.pinned()`.
    public var createDate: String?

    public static let supportedFormats: Set<ReportFormat> = [.pdf, .html, .json]

    public init(formats: Set<ReportFormat> = CompareOptions.supportedFormats, pageSize: PDFPageSize = .a4, templates: ReportTemplates,
                diagnostics: DiagnosticsConfig = .default, charts: ChartOptions = .init(), createDate: String? = nil) {
        self.formats = formats
        self.pageSize = pageSize
        self.templates = templates
        self.diagnostics = diagnostics
        self.charts = charts
        self.createDate = createDate
    }

    /// `compare.pdf` and so on.
    static func fileName(_ format: ReportFormat) -> String { "compare.\(format.rawValue)" }
}
