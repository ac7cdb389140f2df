import CairoBackend
import Charts

/// Something that can draw one chart as SVG, PNG or onto a PDF page. The report pipeline plugs the
/// chart renderer in here; tests use a stand-in.
public protocol ChartArtwork: Sendable {
    /// An SVG document, `width` x `height` points.
    func svg(width: Double, height: Double) throws -> [UInt8]
    /// A PNG, `width` x `height` points at `scale` pixels per point.
    func png(width: Double, height: Double, scale: Double) throws -> [UInt8]
    /// Draws into `rect` of a Cairo context, e.g. a PDF page.
    func draw(on context: CairoContext, in rect: Rect)
    /// The height to draw at `width` when `preferred` is what the page offers: more when the chart
    /// needs it (many small multiples on a narrow page).
    func height(forWidth width: Double, preferred: Double) -> Double
    /// The chart as data, for the explorable HTML chart; nil when the artwork is only a picture.
    var explorable: Chart? { get }
}

extension ChartArtwork {
    public func height(forWidth width: Double, preferred: Double) -> Double { preferred }
    public var explorable: Chart? { nil }
}
