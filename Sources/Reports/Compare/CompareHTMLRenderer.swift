/// Renders `compare.html`: one self-contained page in the run report's look (its `style` and
/// `figure` partials), charts as data-URI SVG images, no external requests; polyglot XHTML.
public struct CompareHTMLRenderer: Sendable {
    public var templates: ReportTemplates

    public init(templates: ReportTemplates) {
        self.templates = templates
    }

    public func render(_ comparison: Comparison) throws -> String {
        try templates.render(try CompareHTMLView(comparison), template: ReportTemplates.comparePageName)
    }
}
