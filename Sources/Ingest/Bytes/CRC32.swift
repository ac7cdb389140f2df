import CChecksum

/// CRC-32 as zlib computes it (IEEE 802.3, reflected polynomial 0xEDB88320), which W&B's `.wandb`
/// files use for their record checksums (`zlib.crc32` in wandb's Python `datastore.py`, the
/// `CRCAlgoIEEE` option of wandb-core's LevelDB log writer).
///
/// On x86-64 with PCLMULQDQ the bulk goes through `cchecksum_crc32_fold` (CChecksum, carry-less
/// multiplication, ~10 GB/s); the rest (and every byte elsewhere) through slicing-by-8: eight
/// 256-entry tables let the loop consume eight bytes per step.
enum CRC32 {
    /// Whether the folding code can run on this CPU.
    static let canFold = cchecksum_has_crc32_fold() != 0

    static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
            t[i] = c
        }
        for k in 1..<8 {
            for i in 0..<256 {
                let previous = t[(k - 1) * 256 + i]
                t[k * 256 + i] = (previous >> 8) ^ t[Int(previous & 0xFF)]
            }
        }
        return t
    }()

    /// Continues `crc` (a finished CRC-32 of earlier bytes, 0 for none) over `b[start..<end]`,
    /// like `zlib.crc32(data, crc)`.
    static func update(_ crc: UInt32, _ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32 {
        var start = start
        var crc = crc
        if end - start >= 64, canFold, let base = b.baseAddress {
            let bulk = (end - start) & ~15
            crc = cchecksum_crc32_fold(crc, base + start, bulk)
            start += bulk
            if start == end { return crc }
        }
        return tableUpdate(crc, b, from: start, to: end)
    }

    /// Slicing-by-8 over `b[start..<end]`.
    static func tableUpdate(_ crc: UInt32, _ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32 {
        var c = ~crc
        tables.withUnsafeBufferPointer { t in
            var i = start
            while end - i >= 8 {
                let lo = c ^ (UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24)
                let hi = UInt32(b[i + 4]) | UInt32(b[i + 5]) << 8 | UInt32(b[i + 6]) << 16 | UInt32(b[i + 7]) << 24
                c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                    ^ t[256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                i += 8
            }
            while i < end {
                c = t[Int((c ^ UInt32(b[i])) & 0xFF)] ^ (c >> 8)
                i += 1
            }
        }
        return ~c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { update(0, $0, from: 0, to: $0.count) }
    }
}
