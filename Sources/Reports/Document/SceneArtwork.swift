import CairoBackend
import Charts

/// A chart drawn through the Cairo backend: laid out at the size each output asks for, then
/// rendered as SVG, PNG or straight onto a PDF page.
struct SceneArtwork: ChartArtwork {
    let chart: Chart
    let measurer: CairoTextMeasurer

    var explorable: Chart? { chart }

    func svg(width: Double, height: Double) throws -> [UInt8] {
        try ChartRenderer.svg(chart.scene(width: width, height: height, measurer: measurer))
    }

    func png(width: Double, height: Double, scale: Double) throws -> [UInt8] {
        try ChartRenderer.png(chart.scene(width: width, height: height, measurer: measurer, density: scale), scale: scale)
    }

    func height(forWidth width: Double, preferred: Double) -> Double {
        chart.height(forWidth: width, atLeast: preferred)
    }

    func draw(on context: CairoContext, in rect: Rect) {
        SceneRenderer.draw(chart.scene(width: rect.width, height: rect.height, measurer: measurer), on: context,
                           at: Point(x: rect.x, y: rect.y))
    }
}

extension ReportChart {
    /// A report chart for a `Chart`, its kind in kebab case (`learningRate` -> `learning-rate`).
    init(_ chart: Chart, kind: String? = nil, measurer: CairoTextMeasurer) {
        self.init(kind: kind ?? chart.slug ?? ReportChart.kebab(chart.kind.rawValue), title: chart.title, description: chart.description,
                  artwork: SceneArtwork(chart: chart, measurer: measurer))
    }

    static func kebab(_ camel: String) -> String {
        var out = ""
        for c in camel {
            if c.isUppercase {
                out += "-" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }
}
