/// A chart in a report: what it shows, and artwork that can draw it in each output's form.
public struct ReportChart: Sendable {
    /// Stable kind, e.g. `loss`, `learning-rate`; also the file stem of its PNG (`loss.png`).
    public var kind: String
    public var title: String
    /// One or two sentences for readers who cannot see the chart (HTML alt text, PDF caption).
    public var description: String
    public var artwork: any ChartArtwork

    public init(kind: String, title: String, description: String, artwork: any ChartArtwork) {
        self.kind = kind
        self.title = title
        self.description = description
        self.artwork = artwork
    }
}
