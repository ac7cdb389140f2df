import CairoBackend
import Charts
import Reports

/// Stands in for the chart renderer: a tiny fixed SVG, a fixed PNG signature, no drawing.
struct FakeArtwork: ChartArtwork {
    var label: String

    func svg(width: Double, height: Double) -> [UInt8] {
        Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\"><rect width=\"10\" height=\"10\"/></svg>".utf8)
    }

    func png(width: Double, height: Double, scale: Double) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(label.utf8)
    }

    func draw(on context: CairoContext, in rect: Rect) {}
}
