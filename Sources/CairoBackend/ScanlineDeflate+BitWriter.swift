extension ScanlineDeflate {
    /// Bits into bytes, least significant bit first (RFC 1951, 3.1.1), into a buffer that grows
    /// when asked to (`reserve`) and is written 4 bytes at a time.
    struct BitWriter {
        private var storage: UnsafeMutableRawPointer
        private var capacity: Int
        private var used = 0
        private var buffer: UInt64 = 0
        /// Bits in `buffer`, fewer than 32 between calls.
        private(set) var count = 0

        init(capacity: Int) {
            self.capacity = capacity + 8
            storage = .allocate(byteCount: self.capacity, alignment: 8)
        }

        func deallocate() { storage.deallocate() }

        var bytes: [UInt8] { Array(UnsafeRawBufferPointer(start: storage, count: used)) }

        /// Makes room for `byteCount` more bytes.
        mutating func reserve(_ byteCount: Int) {
            guard used + byteCount + 8 > capacity else { return }
            let larger = max(capacity * 2, used + byteCount + 8)
            let moved = UnsafeMutableRawPointer.allocate(byteCount: larger, alignment: 8)
            moved.copyMemory(from: storage, byteCount: used)
            storage.deallocate()
            storage = moved
            capacity = larger
        }

        /// Appends the low `bits` bits of `value` (at most 32, and nothing above them set).
        @inline(__always)
        mutating func put<Length: BinaryInteger>(_ value: UInt32, _ bits: Length) {
            buffer |= UInt64(value) << count
            count += Int(bits)
            if count >= 32 {
                storage.storeBytes(of: UInt32(truncatingIfNeeded: buffer).littleEndian, toByteOffset: used, as: UInt32.self)
                used += 4
                buffer >>= 32
                count -= 32
            }
        }

        /// Appends whole bytes (call when byte-aligned).
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            flush()
            reserve(bytes.count)
            if let base = bytes.baseAddress { (storage + used).copyMemory(from: base, byteCount: bytes.count) }
            used += bytes.count
        }

        /// Writes out the whole bytes held.
        mutating func flush() {
            while count >= 8 {
                storage.storeBytes(of: UInt8(truncatingIfNeeded: buffer), toByteOffset: used, as: UInt8.self)
                used += 1
                buffer >>= 8
                count -= 8
            }
        }

        /// Pads with zero bits to a byte boundary and writes out what is held.
        mutating func alignToByte() {
            count = (count + 7) & ~7
            flush()
        }
    }
}
