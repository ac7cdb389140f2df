/// Reads the `repr` of a flat Python dict, as HF's `ProgressCallback`/`PrinterCallback` print a
/// log entry: `{'loss': 2.28, 'learning_rate': 2.5e-06, 'epoch': 0.29}`.
///
/// Values may be numbers (`nan`, `inf`, `-inf` included), numbers in quotes (transformers 5.x
/// prints `'loss': '-0.1081'`), numpy/torch wrappers (`np.float64(0.85)`, `tensor(1.2, device='cuda:0')`),
/// booleans, `None`, other strings and nested containers; only numbers are kept.
enum PythonDict {
    struct Member {
        var key: String
        /// The number, or nil for a value that is not one (text, `None`, a list...).
        var number: Double?
    }

    /// The members of the dict starting at `start` (which must be `{`), or nil when the bytes up to
    /// `end` are not a complete dict.
    static func parse(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [Member]? {
        var p = Parser(b: b, pos: start, end: end)
        return p.dict()
    }

    private struct Parser {
        let b: UnsafeBufferPointer<UInt8>
        var pos: Int
        let end: Int

        mutating func skipSpace() {
            while pos < end && (b[pos] == 0x20 || b[pos] == 0x09) { pos += 1 }
        }

        mutating func eat(_ c: UInt8) -> Bool {
            skipSpace()
            guard pos < end, b[pos] == c else { return false }
            pos += 1
            return true
        }

        mutating func dict() -> [Member]? {
            guard eat(UInt8(ascii: "{")) else { return nil }
            var members: [Member] = []
            if eat(UInt8(ascii: "}")) { return members }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                guard eat(UInt8(ascii: ":")) else { return nil }
                guard let value = value(depth: 0) else { return nil }
                members.append(Member(key: key.text, number: value))
                if eat(UInt8(ascii: ",")) {
                    if eat(UInt8(ascii: "}")) { return members }
                    continue
                }
                return eat(UInt8(ascii: "}")) ? members : nil
            }
        }

        /// A quoted string at the cursor: its text and the bounds of its raw bytes.
        mutating func string() -> (text: String, start: Int, end: Int)? {
            guard pos < end, b[pos] == UInt8(ascii: "'") || b[pos] == UInt8(ascii: "\"") else { return nil }
            let quote = b[pos]
            pos += 1
            let start = pos
            while pos < end && b[pos] != quote {
                pos += b[pos] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard pos < end else { return nil }
            let stop = pos
            pos += 1
            return (String(decoding: UnsafeBufferPointer(rebasing: b[start..<stop]), as: UTF8.self), start, stop)
        }

        /// A value: `.some(number)` for a number, `.some(nil)` for any other well-formed value, nil on a syntax error.
        mutating func value(depth: Int) -> Double?? {
            skipSpace()
            guard pos < end, depth < 64 else { return nil }
            let c = b[pos]
            if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                guard let s = string() else { return nil }
                return .some(ByteNumber.parseField(b, from: s.start, to: s.end))
            }
            if c == UInt8(ascii: "[") || c == UInt8(ascii: "(") || c == UInt8(ascii: "{") {
                return skipContainer(depth: depth) ? .some(nil) : nil
            }
            if let n = ByteNumber.parse(b, from: pos, end: end), n.end > pos {
                pos = n.end
                return .some(n.value)
            }
            let wordStart = pos
            if pos < end && (b[pos] == UInt8(ascii: "-") || b[pos] == UInt8(ascii: "+")) { pos += 1 }
            while pos < end && (isWordByte(b[pos])) { pos += 1 }
            guard pos > wordStart else { return nil }
            if pos < end && b[pos] == UInt8(ascii: "(") {
                // np.float64(0.5), tensor(1.2, device='cuda:0'): the first argument is the value.
                pos += 1
                guard let inner = value(depth: depth + 1) else { return nil }
                while pos < end && b[pos] != UInt8(ascii: ")") {
                    if b[pos] == UInt8(ascii: "'") || b[pos] == UInt8(ascii: "\"") {
                        guard string() != nil else { return nil }
                    } else if b[pos] == UInt8(ascii: "(") || b[pos] == UInt8(ascii: "[") || b[pos] == UInt8(ascii: "{") {
                        guard skipContainer(depth: depth + 1) else { return nil }
                    } else {
                        pos += 1
                    }
                }
                guard pos < end else { return nil }
                pos += 1
                return .some(inner ?? nil)
            }
            return .some(ByteNumber.nonFinite(b, from: wordStart, to: pos))
        }

        func isWordByte(_ c: UInt8) -> Bool {
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_") || c == UInt8(ascii: ".")
        }

        /// Skips a list, tuple, set or dict, minding quotes.
        mutating func skipContainer(depth: Int) -> Bool {
            var nesting = 0
            while pos < end {
                let c = b[pos]
                if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    guard string() != nil else { return false }
                    continue
                }
                if c == UInt8(ascii: "[") || c == UInt8(ascii: "(") || c == UInt8(ascii: "{") {
                    nesting += 1
                    guard nesting + depth < 64 else { return false }
                } else if c == UInt8(ascii: "]") || c == UInt8(ascii: ")") || c == UInt8(ascii: "}") {
                    nesting -= 1
                    if nesting == 0 { pos += 1; return true }
                }
                pos += 1
            }
            return false
        }
    }
}
