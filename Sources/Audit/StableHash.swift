/// A hash that is the same on every machine and in every process: FNV-1a (64-bit) over the UTF-8
/// bytes, then the MurmurHash3 finaliser so that every bit depends on every input byte (plain FNV-1a
/// spreads short, similar paths poorly over a small modulus). Swift's `Hasher` is seeded per process
/// and cannot decide which shard a run belongs to.
enum StableHash {
    static func of(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }

    /// Eight hexadecimal digits of the hash, for names.
    static func shortHex(_ text: String) -> String {
        let hex = String(of(text) >> 32, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
