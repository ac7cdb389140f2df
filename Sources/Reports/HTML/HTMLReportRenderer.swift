/// Renders `report.html`: one self-contained page (inline CSS, charts as data-URI SVG images, no
/// external requests) from the Mustache templates. Written as polyglot XHTML, so it parses as XML.
public struct HTMLReportRenderer: Sendable {
    public var templates: ReportTemplates
    /// Relative link to the audit index the report belongs to (`../index.html`), nil for a lone report.
    public var indexLink: String?

    public init(templates: ReportTemplates, indexLink: String? = nil) {
        self.templates = templates
        self.indexLink = indexLink
    }

    public func render(_ document: ReportDocument) throws -> String {
        try templates.render(try HTMLView(document, indexLink: indexLink))
    }
}
