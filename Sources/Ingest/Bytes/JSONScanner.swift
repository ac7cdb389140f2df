import RunModel

/// A cursor over JSON bytes that also reads what Python's `json` module writes beyond RFC 8259: the
/// bare tokens `NaN`, `Infinity` and `-Infinity`. Formats use its small pieces (whitespace, strings,
/// numbers) in their own hot loops, and `parseValue()` for the odd nested value.
///
/// Errors name the path, the line and the byte offset, and what was expected there.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let path: String
    var pos: Int
    /// One past the last byte this scanner may read (a JSONL line ends before its newline).
    var end: Int

    /// Containers nested deeper than this are refused rather than risking the stack.
    static let maxDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.path = path
        self.pos = start
        self.end = end ?? bytes.count
    }

    var atEnd: Bool { pos >= end }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            let c = bytes[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
        }
    }

    /// The byte at the cursor, or nil at the end.
    @inline(__always)
    func peek() -> UInt8? { pos < end ? bytes[pos] : nil }

    @inline(__always)
    mutating func expect(_ c: UInt8, _ what: @autoclosure () -> String) throws {
        guard pos < end, bytes[pos] == c else { throw failure(expected: what()) }
        pos += 1
    }

    // MARK: Strings

    /// Reads a string at the cursor (which must be at its opening quote) and returns the bounds of
    /// its raw bytes and whether they contain escapes.
    @inline(__always)
    mutating func scanString() throws -> (start: Int, end: Int, escaped: Bool) {
        try expect(UInt8(ascii: "\""), "'\"' (a string)")
        let start = pos
        var escaped = false
        while pos < end {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                let stop = pos
                pos += 1
                return (start, stop, escaped)
            }
            if c == UInt8(ascii: "\\") {
                escaped = true
                pos += 2
                continue
            }
            pos += 1
        }
        pos = Swift.min(pos, end)
        throw failure(expected: "'\"' closing the string that starts at byte \(start - 1)")
    }

    mutating func parseString() throws -> String {
        let raw = try scanString()
        return try decodeString(from: raw.start, to: raw.end, escaped: raw.escaped)
    }

    func decodeString(from start: Int, to stop: Int, escaped: Bool) throws -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<stop])
        guard escaped else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = start
        while i < stop {
            let c = bytes[i]
            guard c == UInt8(ascii: "\\") else { out.append(c); i += 1; continue }
            guard i + 1 < stop else { break }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(at: i, stop: stop) else {
                    throw failure(at: i - 2, expected: "four hex digits after \\u")
                }
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00, i + 6 <= stop, bytes[i] == UInt8(ascii: "\\"),
                   bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(at: i + 2, stop: stop), low >= 0xDC00, low < 0xE000 {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                let decoded = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(decoded)).utf8))
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func hex4(at i: Int, stop: Int) -> UInt32? {
        guard i + 4 <= stop else { return nil }
        var v: UInt32 = 0
        for k in i..<(i + 4) {
            let c = bytes[k]
            let d: UInt8
            switch c {
            case 48...57: d = c - 48
            case 65...70: d = c - 55
            case 97...102: d = c - 87
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    // MARK: Numbers

    /// Whether a number (or `NaN`/`Infinity`/`-Infinity`) can start with this byte.
    @inline(__always)
    static func startsNumber(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "N") || c == UInt8(ascii: "I")
    }

    /// A number at the cursor, including the bare tokens Python writes for non-finite floats.
    @inline(__always)
    mutating func parseNumber() throws -> ByteNumber.Parsed {
        let c = bytes[pos]
        if c == UInt8(ascii: "N") || c == UInt8(ascii: "I") || (c == UInt8(ascii: "-") && pos + 1 < end && bytes[pos + 1] == UInt8(ascii: "I")) {
            return try parseNonFiniteToken()
        }
        guard let parsed = ByteNumber.parse(bytes, from: pos, end: end) else {
            throw failure(expected: "a number")
        }
        pos = parsed.end
        return parsed
    }

    private mutating func parseNonFiniteToken() throws -> ByteNumber.Parsed {
        if matches("NaN") { pos += 3; return ByteNumber.Parsed(value: .nan, integer: nil, end: pos) }
        if matches("Infinity") { pos += 8; return ByteNumber.Parsed(value: .infinity, integer: nil, end: pos) }
        if matches("-Infinity") { pos += 9; return ByteNumber.Parsed(value: -.infinity, integer: nil, end: pos) }
        throw failure(expected: "a number, NaN, Infinity or -Infinity")
    }

    func matches(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard pos + n <= end else { return false }
        let w = word.utf8Start
        for k in 0..<n where bytes[pos + k] != w[k] { return false }
        return true
    }

    // MARK: Generic values

    /// Any JSON value at the cursor.
    mutating func parseValue(depth: Int = 0) throws -> JSONValue {
        skipWhitespace()
        guard let c = peek() else { throw failure(expected: "a value") }
        switch c {
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { throw failure(expected: "at most \(Self.maxDepth) levels of nesting") }
            pos += 1
            var members: [(String, JSONValue)] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "}") { pos += 1; return .object(members) }
            while true {
                skipWhitespace()
                let key = try parseString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':' after an object key")
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                if peek() == UInt8(ascii: ",") { pos += 1; continue }
                try expect(UInt8(ascii: "}"), "',' or '}' in an object")
                return .object(members)
            }
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw failure(expected: "at most \(Self.maxDepth) levels of nesting") }
            pos += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "]") { pos += 1; return .array(items) }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                if peek() == UInt8(ascii: ",") { pos += 1; continue }
                try expect(UInt8(ascii: "]"), "',' or ']' in an array")
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            guard matches("true") else { throw failure(expected: "a value") }
            pos += 4
            return .bool(true)
        case UInt8(ascii: "f"):
            guard matches("false") else { throw failure(expected: "a value") }
            pos += 5
            return .bool(false)
        case UInt8(ascii: "n"):
            guard matches("null") else { throw failure(expected: "a value") }
            pos += 4
            return .null
        default:
            guard Self.startsNumber(c) else { throw failure(expected: "a value") }
            let n = try parseNumber()
            if let i = n.integer { return .int(i) }
            return .number(n.value)
        }
    }

    // MARK: Errors

    /// 1-based line of a byte offset.
    func line(of offset: Int) -> Int {
        var n = 1
        var i = 0
        let stop = Swift.min(offset, bytes.count)
        while i < stop {
            if bytes[i] == 0x0A { n += 1 }
            i += 1
        }
        return n
    }

    func failure(at offset: Int? = nil, expected: String) -> IngestError {
        let at = offset ?? pos
        let found: String
        if at >= end {
            found = "the end of the \(end >= bytes.count ? "file" : "line")"
        } else if let encoding = ByteText.utf16Encoding(bytes, at: at) {
            found = "a \(encoding) byte order mark: the file is \(encoding) text, and trainreport reads UTF-8 (convert it, e.g. iconv -f UTF-16 -t UTF-8)"
        } else {
            found = Self.describe(bytes[at])
        }
        return IngestError(path: path, line: line(of: at), byteOffset: at, message: "expected \(expected), found \(found)")
    }

    static func describe(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        switch c {
        case 0x20: return "a space"
        case 0x0A: return "a line break"
        case 0x0D: return "a carriage return"
        case 0x09: return "a tab"
        default:
            let hex = String(c, radix: 16, uppercase: true)
            return "byte 0x" + (hex.count < 2 ? "0" + hex : hex)
        }
    }
}
