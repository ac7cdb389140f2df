import TestSupport
import Testing
@testable import Charts

struct DownsamplerTests {
    /// A noisy series with planted spikes, dips and non-finite values.
    func series(_ n: Int) -> (xs: [Double], ys: [Double]) {
        var rng = SyntheticRuns.Random(state: 3)
        var ys = (0..<n).map { _ in rng.noise() }
        ys[n / 3] = 50
        ys[n / 2] = -40
        ys[n / 5] = .nan
        ys[n * 4 / 5] = .infinity
        ys[n - 2] = .nan
        return ((0..<n).map(Double.init), ys)
    }

    @Test func keepsEveryExtremeAndEveryNonFinitePosition() {
        let (xs, ys) = series(200_000)
        let columns = 800
        let keep = Downsampler.indices(xs: xs, ys: ys, xLower: 0, xUpper: Double(xs.count - 1), columns: columns)
        let kept = Set(keep)
        #expect(keep == keep.sorted())
        #expect(kept.contains(0) && kept.contains(xs.count - 1))
        for i in [xs.count / 3, xs.count / 2, xs.count / 5, xs.count * 4 / 5, xs.count - 2] {
            #expect(kept.contains(i))
        }
        // Each column's min and max survive.
        let scale = Double(columns) / Double(xs.count - 1)
        var lo = [Double](repeating: .infinity, count: columns), hi = [Double](repeating: -.infinity, count: columns)
        for i in xs.indices where ys[i].isFinite {
            let c = min(columns - 1, Int(xs[i] * scale))
            lo[c] = min(lo[c], ys[i])
            hi[c] = max(hi[c], ys[i])
        }
        var keptLo = lo.map { _ in Double.infinity }, keptHi = hi.map { _ in -Double.infinity }
        for i in keep where ys[i].isFinite {
            let c = min(columns - 1, Int(xs[i] * scale))
            keptLo[c] = min(keptLo[c], ys[i])
            keptHi[c] = max(keptHi[c], ys[i])
        }
        #expect(keptLo == lo && keptHi == hi)
    }

    @Test func millionPointsGiveOutputBoundedByColumns() {
        let (xs, ys) = series(1_000_000)
        let keep = Downsampler.indices(xs: xs, ys: ys, xLower: 0, xUpper: 999_999, columns: 1600)
        #expect(keep.count <= 1600 * 5)
        #expect(keep.count >= 1600 * 2)
    }

    @Test func shortSeriesAreKeptWhole() {
        let keep = Downsampler.indices(xs: [0, 1, 2], ys: [1, .nan, 3], xLower: 0, xUpper: 2, columns: 100)
        #expect(keep == [0, 1, 2])
    }

    @Test func allNonFiniteSeriesStaysBounded() {
        let n = 100_000
        let keep = Downsampler.indices(xs: (0..<n).map(Double.init), ys: Array(repeating: .nan, count: n),
                                       xLower: 0, xUpper: Double(n - 1), columns: 100)
        #expect(keep.count <= 100 * 3)
        #expect(keep.first == 0 && keep.last == n - 1)
    }
}

struct ColumnEnvelopeTests {
    @Test func eachColumnHoldsItsMinimumAndMaximumAndFlagsNonFinite() {
        let xs = (0..<12).map(Double.init)
        let ys: [Double] = [1, 5, 3, 2, .nan, 4, 0, 9, 8, 7, 6, .infinity]
        let env = ColumnEnvelope(xs: xs, ys: ys, xLower: 0, xUpper: 12, columns: 3)
        #expect(env.columns.map(\.index) == [0, 1, 2])
        #expect(env.columns.map(\.lower) == [1, 0, 6])
        #expect(env.columns.map(\.upper) == [5, 9, 8])
        #expect(env.columns.map(\.hasNonFinite) == [false, true, true])
    }

    @Test func denseLinesAreDrawnAsBandsThatKeepSpikes() {
        var ys = (0..<100_000).map { Double($0 % 7) / 10 }
        ys[50_000] = 100
        let xs = (0..<ys.count).map(Double.init)
        let chart = Chart(kind: .loss, title: "t", description: "d",
                          panels: [ChartPanel(x: Axis(title: "step"), y: Axis(title: "loss"),
                                              layers: [.line(xs: xs, ys: ys, style: StrokeStyle(color: Palette.blue))])])
        let scene = chart.scene(width: 400, height: 200, measurer: ApproximateTextMeasurer())
        let areas = scene.primitives.compactMap { p -> [Point]? in if case let .area(pts, _, _) = p { pts } else { nil } }
        #expect(areas.count == 1)
        let top = areas.flatMap { $0 }.map(\.y).min() ?? .infinity
        let plotTop = scene.primitives.compactMap { p -> Double? in if case let .pushClip(r) = p { r.y } else { nil } }.first ?? 0
        #expect(abs(top - plotTop) < 10, "the spike reaches the top of the plot")
    }
}
