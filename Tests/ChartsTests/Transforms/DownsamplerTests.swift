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
