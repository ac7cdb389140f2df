#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CDecimal

/// Decimal number parsing straight from bytes, correctly rounded.
///
/// Fast paths: a mantissa of at most 2^53 and a power of ten of at most 22 give an exact `Double`
/// product or quotient (Clinger). Other numbers of at most 19 significant digits (such as the 17
/// Python writes for a float) go through the Eisel-Lemire conversion (`eiselLemire`: one 64x128-bit
/// multiplication by a power of ten), which gives the correctly rounded result or says it cannot
/// decide. What it leaves (more digits, ties it cannot settle, subnormals, overflow) goes to `strtod`.
enum ByteNumber {
    /// A parsed number: its value, the integer when it was written without fraction or exponent, and
    /// the index just past it.
    struct Parsed {
        var value: Double
        var integer: Int?
        var end: Int
    }


    /// Parses a JSON-style number (`-?digits[.digits][(e|E)[+-]digits]`) starting at `start`.
    /// Returns nil when no number starts there.
    @inline(__always)
    static func parse(_ b: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Parsed? {
        var i = start
        var negative = false
        if i < end && b[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        else if i < end && b[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var dropped = 0
        let intStart = i
        while i < end {
            // Eight digits at once (SWAR) while all of them are significant and fit the 19 kept.
            if mantissa != 0 && significant <= 11 && end - i >= 8, let eight = eightDigits(b, i) {
                mantissa = mantissa &* 100_000_000 &+ eight
                significant += 8
                i += 8
                continue
            }
            let d = b[i] &- 48
            if d > 9 { break }
            if significant < 19 {
                if mantissa != 0 || d != 0 { mantissa = mantissa &* 10 &+ UInt64(d); significant += 1 }
            } else {
                dropped += 1
            }
            i += 1
        }
        let intDigits = i - intStart
        var fractionDigits = 0
        var sawPoint = false
        if i < end && b[i] == UInt8(ascii: ".") {
            sawPoint = true
            i += 1
            let fracStart = i
            while i < end {
                if mantissa != 0 && significant <= 11 && end - i >= 8, let eight = eightDigits(b, i) {
                    mantissa = mantissa &* 100_000_000 &+ eight
                    significant += 8
                    fractionDigits += 8
                    i += 8
                    continue
                }
                let d = b[i] &- 48
                if d > 9 { break }
                if significant < 19 {
                    if mantissa != 0 || d != 0 { mantissa = mantissa &* 10 &+ UInt64(d); significant += 1 }
                    fractionDigits += 1
                } else if d != 0 {
                    dropped += 1
                }
                i += 1
            }
            if i == fracStart && intDigits == 0 { return nil }
        }
        if intDigits == 0 && !sawPoint { return nil }
        var exponent = 0
        var sawExponent = false
        if i < end && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            var j = i + 1
            var expNegative = false
            if j < end && (b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+")) {
                expNegative = b[j] == UInt8(ascii: "-")
                j += 1
            }
            let expStart = j
            while j < end {
                let d = b[j] &- 48
                if d > 9 { break }
                if exponent < 100_000 { exponent = exponent * 10 + Int(d) }
                j += 1
            }
            if j > expStart {
                sawExponent = true
                if expNegative { exponent = -exponent }
                i = j
            }
        }
        if !sawPoint && !sawExponent && dropped == 0 && significant <= 18 {
            let magnitude = Int(mantissa)
            let integer = negative ? -magnitude : magnitude
            return Parsed(value: Double(integer), integer: integer, end: i)
        }
        if dropped == 0 {
            let e10 = exponent - fractionDigits
            if mantissa == 0 {
                return Parsed(value: negative ? -0.0 : 0.0, integer: nil, end: i)
            }
            if mantissa <= 1 << 53 && e10 >= -22 && e10 <= 22 {
                let m = Double(mantissa)
                // The powers are a C table: a Swift global would cost a lazy-initialisation check per number.
                let v = e10 < 0 ? m / cdecimal_exact_power_of_ten(Int32(-e10)) : m * cdecimal_exact_power_of_ten(Int32(e10))
                return Parsed(value: negative ? -v : v, integer: nil, end: i)
            }
            if let v = eiselLemire(mantissa, e10) {
                return Parsed(value: negative ? -v : v, integer: nil, end: i)
            }
        }
        return Parsed(value: slowParse(b, from: start, to: i), integer: nil, end: i)
    }

    /// `mantissa` x 10^`e10` correctly rounded to a `Double` (round half to even), or nil when it
    /// cannot be decided here: the Eisel-Lemire algorithm as in Go's strconv (`eiselLemire64`; Daniel
    /// Lemire, "Number Parsing at a Gigabyte per Second", 2021). The mantissa, shifted to fill 64 bits,
    /// is multiplied by the 128-bit truncated mantissa of 10^e10 (`CDecimal`); the high bits of the
    /// product give the double's 53 bits and exponent unless the truncation could change them, or the
    /// value may sit exactly halfway between two doubles, or it is subnormal or out of range: nil
    /// then, for the caller's exact fallback. `mantissa` must be exact (no digits dropped).
    @inline(__always)
    static func eiselLemire(_ mantissa: UInt64, _ e10: Int) -> Double? {
        guard mantissa != 0, e10 >= Int(CDECIMAL_MIN_EXP10), e10 <= Int(CDECIMAL_MAX_EXP10) else { return nil }
        let zeros = mantissa.leadingZeroBitCount
        let man = mantissa << UInt64(zeros)
        // floor(log2(10^e10)) + 64 + the exponent bias, less the normalising shift.
        var exponent = UInt64(bitPattern: Int64((217_706 &* e10) >> 16 &+ 64 &+ 1023 &- zeros))
        let power = cdecimal_power_of_ten(Int32(truncatingIfNeeded: e10))!
        var (hi, lo) = man.multipliedFullWidth(by: power[1])
        // The low word of 10^e10 was left out: when it could carry into the bits that decide the
        // rounding, add its product too; if they are still undecided, give up.
        if hi & 0x1FF == 0x1FF && lo &+ man < man {
            let (yHi, yLo) = man.multipliedFullWidth(by: power[0])
            var mergedHi = hi
            let (mergedLo, carry) = lo.addingReportingOverflow(yHi)
            if carry { mergedHi &+= 1 }
            if mergedHi & 0x1FF == 0x1FF && mergedLo &+ 1 == 0 && yLo &+ man < man { return nil }
            hi = mergedHi
            lo = mergedLo
        }
        // The top 54 bits (53 and a rounding bit).
        let msb = hi >> 63
        var bits = hi >> (msb + 9)
        exponent &-= 1 ^ msb
        // Exactly halfway between two doubles, maybe: ties need the exact value.
        if lo == 0 && hi & 0x1FF == 0 && bits & 3 == 1 { return nil }
        bits &+= bits & 1
        bits >>= 1
        if bits >> 53 > 0 {
            bits >>= 1
            exponent &+= 1
        }
        // Subnormal (exponent 0 or below) or infinite (0x7FF or above): not here.
        if exponent &- 1 >= 0x7FF - 1 { return nil }
        return Double(bitPattern: exponent << 52 | bits & 0x000F_FFFF_FFFF_FFFF)
    }

    /// The value of the eight ASCII digits at `b[i..<i + 8]`, or nil when they are not all digits
    /// (the SWAR tests and arithmetic of fast_float's `is_made_of_eight_digits_fast` and
    /// `parse_eight_digits_unrolled`: pairs, then quadruples, in a few multiplications).
    @inline(__always)
    static func eightDigits(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64? {
        guard let base = b.baseAddress else { return nil }
        let v = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        guard (v & 0xF0F0_F0F0_F0F0_F0F0) | (((v &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4) == 0x3333_3333_3333_3333 else {
            return nil
        }
        var x = v &- 0x3030_3030_3030_3030
        x = (x &* 10) &+ (x >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        x = ((x & mask) &* (100 &+ (1_000_000 << 32)) &+ ((x >> 16) & mask) &* (1 &+ (10_000 << 32))) >> 32
        return x
    }

    /// `strtod` on a NUL-terminated copy of the number's bytes.
    static func slowParse(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double {
        let count = end - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { tmp in
            for k in 0..<count { tmp[k] = CChar(bitPattern: b[start + k]) }
            tmp[count] = 0
            guard let base = tmp.baseAddress else { return .nan }
            return strtod(base, nil)
        }
    }

    /// Parses a whole field (e.g. a CSV cell) as a number, also accepting the non-finite spellings
    /// Python and TensorBoard write: `nan`, `NaN`, `inf`, `-inf`, `Infinity`, `-Infinity`.
    static func parseField(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double? {
        guard start < end else { return nil }
        if let p = parse(b, from: start, end: end), p.end == end { return p.value }
        return nonFinite(b, from: start, to: end)
    }

    /// `nan`/`inf` in any letter case, with an optional sign, and `infinity`.
    static func nonFinite(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double? {
        var i = start
        var negative = false
        if i < end && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: b[i..<end]), as: UTF8.self).lowercased()
        switch word {
        case "nan": return .nan
        case "inf", "infinity": return negative ? -.infinity : .infinity
        default: return nil
        }
    }
}
