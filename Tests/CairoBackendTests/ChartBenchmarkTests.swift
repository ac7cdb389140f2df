import Charts
import Foundation
import RunModel
import TestSupport
import Testing
@testable import CairoBackend

/// The charts benchmark (`Benchmarks/charts.sh`): a 1,000,000-point loss series charted and
/// rendered to PNG and PDF. Skipped unless `TRAINREPORT_BENCH=1`; it reports timings rather than
/// failing on them, except for the PDF size bound, which does not depend on the machine.
@Test(.enabled(if: ProcessInfo.processInfo.environment["TRAINREPORT_BENCH"] == "1"))
func chartBenchmarkMillionPoints() throws {
    let n = 1_000_000
    var rng = SyntheticRuns.Random(state: 1)
    var b = RunBuilder(name: "bench", format: "bench", sourcePath: "bench")
    b.reserve(n, for: "train/loss")
    for s in 0..<n {
        let value = s % 99_991 == 0 ? Double.nan : 0.5 + 2 * pow(1 + Double(s) / 1000, -0.5) + 0.05 * rng.noise()
        b.add(name: "train/loss", key: "loss", role: .trainLoss, step: s, wallTime: nil, value: value)
    }
    let run = b.build()
    let measurer = try CairoTextMeasurer()
    let clock = ContinuousClock()
    func ms(_ d: Duration) -> String {
        String(format: "%.1f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
    }
    var chart: Chart?
    let build = clock.measure { chart = ChartFactory.charts(for: run, findings: []).first }
    let loss = try #require(chart)
    var scene = Scene(width: 0, height: 0)
    let layout = clock.measure { scene = loss.scene(width: 800, height: 450, measurer: measurer) }
    var png: [UInt8] = [], pdf: [UInt8] = [], svg: [UInt8] = []
    let pngTime = try clock.measure { png = try ChartRenderer.png(scene) }
    let pdfTime = try clock.measure { pdf = try ChartRenderer.pdf(scene) }
    let svgTime = try clock.measure { svg = try ChartRenderer.svg(scene) }
    let points = scene.primitives.reduce(0) { if case let .polyline(p, _) = $1 { $0 + p.count } else { $0 } }
    print("""
        charts benchmark, \(n) points, 800x450 pt:
          chart (smoothing):   \(ms(build))
          scene (downsample):  \(ms(layout)), \(points) polyline points
          PNG render (2x):     \(ms(pngTime)), \(png.count / 1024) KB
          PDF render:          \(ms(pdfTime)), \(pdf.count / 1024) KB
          SVG render:          \(ms(svgTime)), \(svg.count / 1024) KB
          PNG total:           \(ms(build + layout + pngTime))
          PDF total:           \(ms(build + layout + pdfTime))
        """)
    if let dir = ProcessInfo.processInfo.environment["CHART_PREVIEW_DIR"] {
        try Data(png).write(to: URL(fileURLWithPath: "\(dir)/benchmark-million.png"))
    }
    #expect(pdf.count < 200 * 1024)
}
