import Testing
@testable import Ingest

/// A message whose last field is cut short must not pass for a whole one: the cursor can stop
/// exactly at the end of the bytes while the field it was reading is incomplete.
@Suite struct ProtoWireTests {
    /// Walks every field and says whether the message ended cleanly.
    func walk(_ bytes: [UInt8]) -> (fields: Int, endedCleanly: Bool) {
        bytes.withUnsafeBufferPointer { b in
            var wire = ProtoWire(b, from: 0, to: b.count)
            var fields = 0
            while wire.next() != nil { fields += 1 }
            return (fields, wire.endedCleanly)
        }
    }

    @Test func aWholeMessageEndsCleanly() {
        // field 1 varint 150, field 2 bytes "ab"
        let result = walk([0x08, 0x96, 0x01, 0x12, 0x02, 0x61, 0x62])
        #expect(result.fields == 2)
        #expect(result.endedCleanly)
    }

    @Test func aVarintCutAtTheLastByteIsMalformedThoughTheCursorReachedTheEnd() {
        // field 1 varint whose continuation bit promises another byte that is not there
        let result = walk([0x08, 0x96])
        #expect(result.fields == 0)
        #expect(!result.endedCleanly)
    }

    @Test func aKeyCutAtTheLastByteIsMalformed() {
        let result = walk([0x08, 0x01, 0x80])
        #expect(result.fields == 1)
        #expect(!result.endedCleanly)
    }

    @Test func aLengthPastTheEndIsMalformed() {
        let result = walk([0x12, 0x05, 0x61])
        #expect(result.fields == 0)
        #expect(!result.endedCleanly)
    }

    @Test func anEmptyMessageEndsCleanly() {
        #expect(walk([]).endedCleanly)
    }
}
