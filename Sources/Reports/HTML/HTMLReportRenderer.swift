/// Renders `report.html`: one self-contained page (inline CSS, charts as data-URI SVG images, no
/// external requests) from the Mustache templates. Written as polyglot XHTML, so it parses as XML.
public struct HTMLReportRenderer: Sendable {
    public var templates: ReportTemplates

    public init(templates: ReportTemplates) {
        self.templates = templates
    }

    public func render(_ document: ReportDocument) throws -> String {
        try templates.render(HTMLView(document))
    }
}
