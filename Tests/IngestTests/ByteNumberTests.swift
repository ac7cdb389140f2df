import Foundation
import Testing
@testable import Ingest

@Suite struct ByteNumberTests {
    func parse(_ text: String) -> ByteNumber.Parsed? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { ByteNumber.parse($0, from: 0, end: $0.count) }
    }

    @Test func agreesBitForBitWithStrtodOnRandomReprs() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50_000 {
            let bits = UInt64.random(in: 0...UInt64.max, using: &generator)
            let v = Double(bitPattern: bits)
            guard v.isFinite else { continue }
            for text in ["\(v)", String(format: "%.17g", v), String(format: "%.6e", v), String(format: "%.4f", v)] {
                let expected = strtod(text, nil)
                let got = parse(text)
                #expect(got?.value.bitPattern == expected.bitPattern, "\(text)")
            }
        }
        for _ in 0..<50_000 {
            let v = Double.random(in: -10...10) * pow(10, Double(Int.random(in: -12...12)))
            let text = "\(v)"
            #expect(parse(text)?.value.bitPattern == strtod(text, nil).bitPattern, "\(text)")
        }
    }

    @Test func eightDigitsAtOnceOnlyWhenAllEightAreDigits() {
        let digits = Array("31415926".utf8)
        #expect(digits.withUnsafeBufferPointer { ByteNumber.eightDigits($0, 0) } == 31_415_926)
        #expect(Array("00000000".utf8).withUnsafeBufferPointer { ByteNumber.eightDigits($0, 0) } == 0)
        #expect(Array("99999999".utf8).withUnsafeBufferPointer { ByteNumber.eightDigits($0, 0) } == 99_999_999)
        // A neighbour of the digits in ASCII ('/' and ':'), a point or a letter anywhere breaks the run.
        for position in 0..<8 {
            for other in ["/", ":", ".", "e", " ", "\u{B0}"] {
                var text = digits
                text[position] = Array(other.utf8)[0]
                #expect(text.withUnsafeBufferPointer { ByteNumber.eightDigits($0, 0) } == nil, "\(other) at \(position)")
                let number = "1" + String(decoding: text, as: UTF8.self) + "5"
                let expected = strtod(number, nil)
                #expect(parse(number)?.value.bitPattern == expected.bitPattern || parse(number)?.end != number.utf8.count, "\(number)")
            }
        }
        for text in ["12345678901234567890123", "0.12345678901234567890", "9876543.2109876543210e-5", "100000000000000000000"] {
            #expect(parse(text)?.value.bitPattern == strtod(text, nil).bitPattern, "\(text)")
        }
    }

    @Test func integersKeepTheirIntegerValue() {
        #expect(parse("215337")?.integer == 215337)
        #expect(parse("-3")?.integer == -3)
        #expect(parse("3.0")?.integer == nil)
        #expect(parse("1e3")?.integer == nil)
        #expect(parse("1e3")?.value == 1000)
    }

    @Test func edgeCases() {
        #expect(parse("4.6000000000000004e-07")?.value == 4.6000000000000004e-07)
        #expect(parse("0.0001234")?.value == 0.0001234)
        #expect(parse("123456789012345678901234567890")?.value == 123456789012345678901234567890.0)
        #expect(parse("1e400")?.value == .infinity)
        #expect(parse("-0.0")?.value.sign == .minus)
        #expect(parse("-") == nil)
        #expect(parse("abc") == nil)
        #expect(parse("12,")?.end == 2)
    }

    @Test func fieldsAcceptPythonAndTensorBoardNonFiniteSpellings() {
        for (text, expected) in [("nan", Double.nan), ("NaN", .nan), ("inf", .infinity), ("-inf", -.infinity),
                                 ("Infinity", .infinity), ("-Infinity", -.infinity)] {
            let bytes = Array(text.utf8)
            let v = bytes.withUnsafeBufferPointer { ByteNumber.parseField($0, from: 0, to: $0.count) }
            #expect(v.map { $0.isNaN ? expected.isNaN : $0 == expected } == true, "\(text)")
        }
    }
}
