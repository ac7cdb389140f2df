/// A cursor over protobuf wire-format bytes: just enough to walk the few TensorBoard messages we
/// read (varints, fixed 32/64-bit fields, length-delimited fields) and skip every other field.
/// Malformed input makes `next()` return nil; it never reads outside `[pos, end)`.
/// A field cut short at the very end can leave `pos == end`, so "the whole message was read" is
/// `endedCleanly`, never `pos == end` alone.
struct ProtoWire {
    let b: UnsafeBufferPointer<UInt8>
    var pos: Int
    let end: Int
    /// Set when `next()` stopped on malformed bytes rather than at the end.
    private(set) var isMalformed = false

    /// Every field up to `end` was read and none was malformed.
    var endedCleanly: Bool { !isMalformed && pos == end }

    enum Value {
        case varint(UInt64)
        case fixed64(UInt64)
        case fixed32(UInt32)
        /// Bounds of a length-delimited field's bytes.
        case bytes(Int, Int)
    }

    init(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        self.b = b
        self.pos = start
        self.end = end
    }

    /// The next field number and value, or nil at the end or on malformed bytes (then `isMalformed`).
    @inline(__always)
    mutating func next() -> (field: UInt64, value: Value)? {
        guard pos < end else { return nil }
        if let field = readField() { return field }
        isMalformed = true
        return nil
    }

    @inline(__always)
    private mutating func readField() -> (field: UInt64, value: Value)? {
        guard let key = varint() else { return nil }
        let field = key >> 3
        switch key & 7 {
        case 0:
            guard let v = varint() else { return nil }
            return (field, .varint(v))
        case 1:
            guard let v = fixed64() else { return nil }
            return (field, .fixed64(v))
        case 2:
            guard let n = varint(), n <= UInt64(end - pos) else { return nil }
            let start = pos
            pos += Int(n)
            return (field, .bytes(start, pos))
        case 5:
            guard let v = fixed32() else { return nil }
            return (field, .fixed32(v))
        default:
            return nil
        }
    }

    @inline(__always)
    mutating func varint() -> UInt64? {
        // Most varints (tags, short lengths) are one byte.
        if pos < end && b[pos] < 0x80 {
            pos += 1
            return UInt64(b[pos - 1])
        }
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while pos < end && shift < 64 {
            let c = b[pos]
            pos += 1
            v |= UInt64(c & 0x7F) << shift
            if c < 0x80 { return v }
            shift += 7
        }
        return nil
    }

    mutating func fixed32() -> UInt32? {
        guard end - pos >= 4 else { return nil }
        let v = Self.littleEndian32(b, pos)
        pos += 4
        return v
    }

    mutating func fixed64() -> UInt64? {
        guard end - pos >= 8 else { return nil }
        let v = Self.littleEndian64(b, pos)
        pos += 8
        return v
    }

    static func littleEndian32(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    static func littleEndian64(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(littleEndian32(b, i)) | UInt64(littleEndian32(b, i + 4)) << 32
    }
}
