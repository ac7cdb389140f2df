import Charts
import Diagnostics
import FuzzSupport
import RunModel

/// libFuzzer's per-input callback for the whole pure-Swift pipeline on a fuzzed run: the first byte
/// picks the reader (as in fuzz-ingest); a run that reads is diagnosed, every chart and every
/// finding's excerpt is built and laid out into a `Scene` (no Cairo), at two sizes and on every x
/// axis. A trap anywhere on that path (the Int overflow in the excerpt window once killed audits) is
/// a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0,
          let run = FuzzParser.pick(data[0]).load(UnsafeBufferPointer(start: data + 1, count: size - 1)) else { return 0 }
    let diagnosis = Diagnostician.diagnose(run)
    let measurer = ApproximateTextMeasurer()
    for axis in ChartOptions.XAxis.allCases {
        let options = ChartOptions(xAxis: axis)
        var charts = ChartFactory.charts(for: run, findings: diagnosis.findings, options: options)
        charts += diagnosis.findings.compactMap { ChartFactory.excerpt(for: $0, run: run, options: options) }
        for chart in charts {
            _ = chart.scene(width: 720, height: 360, measurer: measurer)
            _ = chart.scene(width: 320, height: 240, measurer: measurer)
        }
    }
    _ = ChartFactory.comparison(runs: [run, run])
    return 0
}
