import TestSupport
import Testing
@testable import Charts

struct ScaleTests {
    @Test func linearMapsDomainOntoUnitAndBack() {
        let s = LinearScale(lower: 10, upper: 30)
        #expect(s.normalize(10) == 0)
        #expect(s.normalize(30) == 1)
        #expect(s.normalize(20) == 0.5)
        #expect(s.normalize(40) == 1.5)
        #expect(s.invert(0.25) == 15)
    }

    @Test func linearRoundTripsOverRandomDomains() {
        var rng = SyntheticRuns.Random(state: 1)
        for _ in 0..<1000 {
            let a = (rng.next() - 0.5) * 1e6, b = (rng.next() - 0.5) * 1e6
            let s = LinearScale(lower: a, upper: b)
            let v = (rng.next() - 0.5) * 2e6
            #expect(abs(s.invert(s.normalize(v)) - v) <= 1e-6 * max(1, abs(v)))
        }
    }

    @Test func reversedLinearDomainFlips() {
        let s = LinearScale(lower: 1, upper: 0)
        #expect(s.normalize(1) == 0)
        #expect(s.normalize(0.25) == 0.75)
    }

    @Test func degenerateLinearDomainMapsToTheMiddle() {
        let s = LinearScale(lower: 3, upper: 3)
        #expect(s.normalize(3) == 0.5)
        #expect(s.normalize(100) == 0.5)
        #expect(s.invert(0.7) == 3)
    }

    @Test func logMapsDecadesEvenly() {
        let s = LogScale(lower: 1, upper: 100)
        #expect(s.normalize(10) == 0.5)
        #expect(abs(s.invert(0.5) - 10) < 1e-12)
        #expect(s.normalize(0) == -.infinity)
        #expect(s.normalize(-1) == -.infinity)
        let r = LogScale(lower: 1e-3, upper: 1e3)
        for v in [1e-3, 0.02, 1.0, 77.0, 1e3] { #expect(abs(r.invert(r.normalize(v)) - v) <= v * 1e-12) }
    }
}
