/// Small byte-level helpers for sniffing and line splitting.
enum ByteText {
    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard !n.isEmpty, haystack.count >= n.count else { return n.isEmpty }
        let first = n[0]
        var i = 0
        let last = haystack.count - n.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + n.count)].elementsEqual(n) { return true }
            i += 1
        }
        return false
    }

    /// The lines of a prefix (without `\r\n`/`\n`); the last one may be cut off.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            var stop = i
            if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
            out.append(bytes[start..<stop])
            start = i + 1
        }
        if start < bytes.count { out.append(bytes[start...]) }
        return out
    }

    static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Text without leading and trailing spaces and tabs.
    static func trimmed(_ s: some StringProtocol) -> String {
        String(s.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// Whether the bytes start with a UTF-8 byte order mark (Windows tools write one).
    static func hasUTF8BOM<C: Collection>(_ b: C) -> Bool where C.Element == UInt8, C.Index == Int {
        b.count >= 3 && b[b.startIndex] == 0xEF && b[b.startIndex + 1] == 0xBB && b[b.startIndex + 2] == 0xBF
    }

    /// `UTF-16LE` or `UTF-16BE` when a UTF-16 byte order mark sits at offset `at` (0 only), else nil.
    static func utf16Encoding<C: Collection>(_ b: C, at: Int = 0) -> String? where C.Element == UInt8, C.Index == Int {
        guard at == b.startIndex, b.count >= 2 else { return nil }
        switch (b[b.startIndex], b[b.startIndex + 1]) {
        case (0xFF, 0xFE): return "UTF-16LE"
        case (0xFE, 0xFF): return "UTF-16BE"
        default: return nil
        }
    }
}
