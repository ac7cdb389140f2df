/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) and the masked form TFRecord files store:
/// `((crc >> 15) | (crc << 17)) + 0xa282ead8` (TensorBoard's `masked_crc.rs`).
enum CRC32C {
    static let table: [UInt32] = (0..<256).map { i in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        return c
    }

    static func checksum(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            var i = start
            while i < end {
                crc = t[Int((crc ^ UInt32(b[i])) & 0xFF)] ^ (crc >> 8)
                i += 1
            }
        }
        return ~crc
    }

    static func mask(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }

    static func masked(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32 {
        mask(checksum(b, from: start, to: end))
    }

    static func masked(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { masked($0, from: 0, to: $0.count) }
    }
}
