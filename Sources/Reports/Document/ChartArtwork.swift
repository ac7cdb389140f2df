import CairoBackend

/// Something that can draw one chart as SVG, PNG or onto a PDF page. The report pipeline plugs the
/// chart renderer in here; tests use a stand-in.
public protocol ChartArtwork: Sendable {
    /// An SVG document, `width` x `height` points.
    func svg(width: Double, height: Double) -> [UInt8]
    /// A PNG, `width` x `height` points at `scale` pixels per point.
    func png(width: Double, height: Double, scale: Double) -> [UInt8]
    /// Draws into `rect` of a cairo context (`cairo_t *`), e.g. a PDF page.
    func draw(on context: OpaquePointer, in rect: PDFRect)
}
