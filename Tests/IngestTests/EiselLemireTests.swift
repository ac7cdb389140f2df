import Foundation
import TestSupport
import Testing
@testable import Ingest

/// `ByteNumber.eiselLemire` and the parser that uses it, bit for bit against glibc's `strtod`
/// (correctly rounded) on edge cases and on a few hundred thousand values from a fixed seed.
@Suite struct EiselLemireTests {
    func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { b in
            ByteNumber.parse(b, from: 0, end: b.count).flatMap { $0.end == b.count ? $0.value : nil }
        }
    }

    /// `%.17g`, what C and Python's `%r` of old print.
    func seventeenDigits(_ v: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 40)
        let count = withVaList([v]) { vsnprintf(&buffer, buffer.count, "%.17g", $0) }
        return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    @Test func edgeCasesAgreeWithStrtod() {
        let cases = [
            // 2^53 and its neighbours: above it only even integers are doubles; odd ones are ties.
            "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995", "9007199254740993.0",
            "9007199254740993e0", "18014398509481987e0", "18014398509481988e0", "18014398509481989e0",
            // 17 to 19 significant digits, and 20 (one dropped: not for this path).
            "3.0082647135980167", "0.30000000000000004", "1234567890123456789e-10", "9999999999999999999",
            "9999999999999999999e-20", "1844674407370955161", "18446744073709551615", "0.1000000000000000055511151231257827",
            // Ties and near-ties between two doubles.
            "1.00000000000000011102230246251565404236316680908203125", "1.0000000000000001110223024625156540",
            "1.0000000000000001110223024625156541", "1.0000000000000002220446049250313081",
            "7.2057594037927933e16", "72057594037927933", "72057594037927935", "9223372036854775807", "9223372036854775808",
            // Famous hard cases.
            "1e23", "8.988465674311579e307", "2.2250738585072011e-308", "2.2250738585072012e-308",
            "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "4.9e-324", "5e-324",
            "2.2250738585072009e-308", "2.2250738585072014e-308", "1.7976931348623157e308", "1.7976931348623158e308",
            "1.7976931348623159e308", "179769313486231570000000000000000000000000000000000000000000000000000000000e234",
            // Exponents at the ends of the table and past them.
            "1e-348", "1e-349", "1e347", "1e348", "9999999999999999999e-348", "1e308", "1e309", "1e-307", "1e-308",
            "1e-323", "1e-324", "123456789012345678e-330", "1e-400", "1e400", "1.5e-10", "6.02214076e23", "6.62607015e-34",
            // Leading zeros (not significant) before and among runs of eight digits.
            "0.00000000000000000012345678901234567890", "0.000000001234567890123456789", "0.0000000012345678901234567",
            "0.9998000399920016", "0.0002380952380952381", "0.00000000", "000000001234567890123", "0.100000000000000000001",
            // Zeros, signs, integers written as floats.
            "0", "0.0", "-0.0", "0e999", "-0e-999", "1.0", "-1.0", "100.0", "1e0", "-2.5e-3", "2e-4",
        ]
        for text in cases {
            #expect(parse(text)?.bitPattern == strtod(text, nil).bitPattern, "\(text)")
        }
        // `-0` without a point is the integer 0 (as JSON readers such as Python's read it), not -0.0.
        #expect(parse("-0")?.bitPattern == 0)
    }

    @Test func directlyIsExactWhenItDecidesAndDecidesAlmostAlways() {
        var random = SplitMix64(state: 20_260_301)
        var decided = 0
        let n = 200_000
        for _ in 0..<n {
            // Mantissas of every bit length from 1 to 64, exponents over the whole table.
            let mantissa = random.next() >> UInt64.random(in: 0...63, using: &random)
            let e10 = Int.random(in: -348...347, using: &random)
            guard mantissa != 0, let v = ByteNumber.eiselLemire(mantissa, e10) else { continue }
            decided += 1
            let text = "\(mantissa)e\(e10)"
            #expect(v.bitPattern == strtod(text, nil).bitPattern, "\(text)")
        }
        // What it leaves: subnormals, overflow (about a tenth of these exponents) and rare ties.
        #expect(decided > n * 8 / 10, "decided \(decided) of \(n)")
        for (mantissa, e10) in [(UInt64(9_007_199_254_740_993), 0), (1, -330), (1, 309), (0, 0)] {
            #expect(ByteNumber.eiselLemire(mantissa, e10) == nil, "\(mantissa)e\(e10)")
        }
    }

    @Test func pythonReprsOfRandomDoublesAgreeWithStrtod() {
        var random = SplitMix64(state: 7)
        var parsed = 0
        for k in 0..<300_000 {
            let v: Double
            if k % 2 == 0 {
                // Any finite double, by its bits.
                v = Double(bitPattern: random.next())
                guard v.isFinite else { continue }
            } else {
                // Values a training logs: losses, learning rates, norms.
                v = Double.random(in: -10...10, using: &random) * pow(10, Double(Int.random(in: -9...6, using: &random)))
            }
            // Swift's description is the shortest repr that round-trips, as Python's repr is.
            for text in [v.description, seventeenDigits(v)] {
                let expected = strtod(text, nil)
                #expect(parse(text)?.bitPattern == expected.bitPattern, "\(text)")
                #expect(expected.bitPattern == v.bitPattern, "\(text)")
                parsed += 1
            }
        }
        #expect(parsed > 500_000)
    }
}
