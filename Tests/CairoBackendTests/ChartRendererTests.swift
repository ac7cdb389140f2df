import CCairo
import Charts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import Testing
@testable import CairoBackend

struct ChartRendererTests {
    let measurer: CairoTextMeasurer

    init() throws {
        measurer = try CairoTextMeasurer()
    }

    func lossScene(_ pathology: SyntheticRuns.Pathology = .overfit) throws -> Scene {
        let chart = try #require(ChartFactory.charts(for: SyntheticRuns.run(pathology), findings: SyntheticRuns.findings(pathology)).first)
        return chart.scene(width: 640, height: 360, measurer: measurer)
    }

    /// Width and height from the PNG's IHDR chunk.
    func pngSize(_ bytes: [UInt8]) -> (Int, Int)? {
        guard bytes.count > 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    @Test func pngIsTwiceTheSceneSizeAndNotBlank() throws {
        let scene = try lossScene()
        let png = try ChartRenderer.png(scene)
        #expect(pngSize(png).map { $0 == (1280, 720) } == true)
        // Draw the same scene into an image surface and count the coloured pixels.
        let surface = try CairoSurface.image(width: 640, height: 360)
        SceneRenderer.draw(scene, on: try CairoContext(surface: surface))
        cairo_surface_flush(surface.pointer)
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        let data = try #require(cairo_image_surface_get_data(surface.pointer))
        var coloured = 0
        for y in 0..<360 {
            for x in 0..<640 {
                let p = data.advanced(by: y * stride + x * 4)
                let (b, r) = (p[0], p[2])
                if Int(r) - Int(b) > 60 || Int(b) - Int(r) > 60 { coloured += 1 }
            }
        }
        #expect(coloured > 2000, "the curves should colour thousands of pixels")
        #expect(coloured < 640 * 360 / 3)
    }

    @Test func pngIsDeterministic() throws {
        let scene = try lossScene()
        #expect(try ChartRenderer.png(scene) == ChartRenderer.png(scene))
    }

    @Test func pdfIsOnePageWithRealTextAndPinnedDates() throws {
        let pdf = try ChartRenderer.pdf(try lossScene())
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-"))
        let pages = text.components(separatedBy: "/Type /Page").dropFirst().filter { !$0.hasPrefix("s") }
        #expect(pages.count == 1)
        #expect(text.contains("DejaVuSans"))
        #expect(text.contains("/CreationDate (20000101000000Z)"))
        #expect(try ChartRenderer.pdf(try lossScene()) == pdf)
    }

    @Test func pdfTextIsExtractable() throws {
        guard let out = try PopplerTool.run("pdftotext", [], pdf: try ChartRenderer.pdf(try lossScene())) else { return }
        #expect(out.contains("Loss"))
        #expect(out.contains("best eval"))
        #expect(out.contains("step"))
    }

    @Test func pdfDateFollowsSourceDateEpoch() {
        #expect(PDFDate.pinned(environment: [:]) == "2000-01-01T00:00:00Z")
        #expect(PDFDate.pinned(environment: ["SOURCE_DATE_EPOCH": "1700000000"]) == "2023-11-14T22:13:20Z")
        #expect(PDFDate.pinned(environment: ["SOURCE_DATE_EPOCH": "soon"]) == "2000-01-01T00:00:00Z")
    }

    @Test func svgHasRealTextAndIdsUniqueToTheChart() throws {
        let a = String(decoding: try ChartRenderer.svg(try lossScene(.overfit)), as: UTF8.self)
        let b = String(decoding: try ChartRenderer.svg(try lossScene(.explode)), as: UTF8.self)
        #expect(a.contains(">Loss</text>"))
        #expect(a.contains("clip-path=\"url(#c"))
        func ids(_ s: String) -> Set<String> {
            Set(s.components(separatedBy: "id=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) })
        }
        #expect(!ids(a).isEmpty)
        #expect(ids(a).isDisjoint(with: ids(b)))
        let parser = XMLParser(data: Data(a.utf8))
        #expect(parser.parse())
    }

    /// A metric key holding ESC made the SVG not well-formed (XML forbids it even escaped) and the
    /// browser dropped the chart.
    @Test func svgOfTextWithControlCharactersIsWellFormed() throws {
        var scene = try lossScene(.overfit)
        scene.primitives.append(.text("loss\u{1B}[0m\u{0}\u{7F}", at: Point(x: 10, y: 10), style: TextStyle(size: 10)))
        let svg = String(decoding: try ChartRenderer.svg(scene), as: UTF8.self)
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(svg.contains("loss\u{FFFD}[0m\u{FFFD}\u{FFFD}"))
    }

    @Test func measurerGivesDejaVuSizes() {
        let w = measurer.width(of: "step", size: 10, weight: .regular)
        #expect(w > 15 && w < 30)
        #expect(measurer.width(of: "step", size: 10, weight: .bold) > w)
        #expect(measurer.lineHeight(size: 10) > 10 && measurer.lineHeight(size: 10) < 15)
        #expect(measurer.ascent(size: 10) < measurer.lineHeight(size: 10))
    }

    @Test func drawingAtAnOffsetOnAnExistingContextShiftsTheScene() throws {
        let scene = Scene(width: 10, height: 10, primitives: [.rect(Rect(x: 0, y: 0, width: 10, height: 10), fill: .black, opacity: 1, stroke: nil)])
        let surface = try CairoSurface.image(width: 40, height: 40)
        SceneRenderer.draw(scene, on: try CairoContext(surface: surface), at: Point(x: 20, y: 20))
        cairo_surface_flush(surface.pointer)
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        let data = try #require(cairo_image_surface_get_data(surface.pointer))
        #expect(data[5 * stride + 5 * 4 + 3] == 0)
        #expect(data[25 * stride + 25 * 4 + 3] == 255)
    }
}
