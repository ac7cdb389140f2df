import Testing
@testable import Charts

/// Expected vectors come from a line-by-line port of TensorBoard's classic smoothing
/// (`webapp/widgets/line_chart_v2/data_transformer.ts`) run in Python.
struct SmoothingTests {
    func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            (x.isNaN && y.isNaN) || x == y || abs(x - y) <= 1e-12 * max(1, abs(y))
        }
    }

    @Test func matchesTensorBoardAtWeight06() {
        let out = Smoothing.ema([2.5, 2.1, 1.9, 2.3, 1.7, 1.6, 1.65, 1.4], weight: 0.6)
        #expect(close(out, [2.5, 2.25, 2.0714285714285716, 2.176470588235294, 1.9698126301179735,
                            1.8146482277121379, 1.7468922015328294, 1.6057649245959007]))
    }

    @Test func matchesTensorBoardAtWeight095() {
        let out = Smoothing.ema([0.7, 0.69, 0.71, 0.5, 0.55, 0.52, 0.45, 0.47, 0.44, 0.43], weight: 0.95)
        #expect(close(out, [0.7, 0.6948717948717953, 0.7001752848378616, 0.6462178644833048, 0.6249513400313026,
                            0.6051423314888849, 0.5794277951076986, 0.5631719368678781, 0.546515852995755,
                            0.531997216172495]))
    }

    @Test func nonFinitePointsPassThroughAndStayOutOfTheAverage() {
        let out = Smoothing.ema([1, .nan, 3, .infinity, 2], weight: 0.9)
        #expect(close(out, [1, .nan, 2.0526315789473686, .infinity, 2.0332103321033217]))
    }

    @Test func constantSeriesIsUntouched() {
        #expect(Smoothing.ema([0.5, 0.5, 0.5], weight: 0.99) == [0.5, 0.5, 0.5])
    }

    @Test func zeroWeightIsIdentityAndFirstPointIsKept() {
        #expect(Smoothing.ema([3, 1, 2], weight: 0) == [3, 1, 2])
        #expect(Smoothing.ema([3, 1, 2], weight: 0.8).first == 3)
        #expect(Smoothing.ema([], weight: 0.8).isEmpty)
    }

    @Test func defaultWeightGrowsWithPointCount() {
        #expect(Smoothing.defaultWeight(pointCount: 30) == 0)
        #expect(abs(Smoothing.defaultWeight(pointCount: 100) - 0.6) < 1e-12)
        #expect(abs(Smoothing.defaultWeight(pointCount: 1000) - 0.96) < 1e-12)
        #expect(Smoothing.defaultWeight(pointCount: 10_000_000) == 0.999)
        #expect(Smoothing.defaultWeight(pointCount: 97) == 0.58)
    }
}
