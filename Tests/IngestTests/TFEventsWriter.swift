import Foundation
@testable import Ingest

/// Writes TensorBoard event files byte by byte (protobuf wire format, TFRecord framing), so tests
/// control every field, CRC and truncation.
enum TFEventsWriter {
    static func varint(_ v: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        var v = v
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
        return out
    }

    static func field(_ number: UInt64, bytes: [UInt8]) -> [UInt8] { varint(number << 3 | 2) + varint(UInt64(bytes.count)) + bytes }
    static func field(_ number: UInt64, varint v: UInt64) -> [UInt8] { varint(number << 3) + varint(v) }
    static func field(_ number: UInt64, float v: Float) -> [UInt8] { varint(number << 3 | 5) + le(v.bitPattern) }
    static func field(_ number: UInt64, double v: Double) -> [UInt8] { varint(number << 3 | 1) + le(v.bitPattern) }

    static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) }
    }

    /// A Summary.Value with `simple_value`.
    static func simple(_ tag: String, _ v: Float) -> [UInt8] { field(1, bytes: Array(tag.utf8)) + field(2, float: v) }

    /// A Summary.Value with a scalar tensor and the "scalars" plugin.
    static func tensor(_ tag: String, _ tensor: [UInt8], plugin: String = "scalars") -> [UInt8] {
        field(1, bytes: Array(tag.utf8)) + field(8, bytes: tensor) + field(9, bytes: field(1, bytes: field(1, bytes: Array(plugin.utf8))))
    }

    static func event(step: Int, wall: Double = 1_700_000_000, values: [[UInt8]]) -> [UInt8] {
        field(1, double: wall) + field(2, varint: UInt64(bitPattern: Int64(step)))
            + field(5, bytes: values.flatMap { field(1, bytes: $0) })
    }

    static let fileVersion: [UInt8] = field(1, double: 1_700_000_000) + field(3, bytes: Array("brain.Event:2".utf8))

    static func record(_ data: [UInt8]) -> [UInt8] {
        let length = le(UInt64(data.count))
        return length + le(CRC32C.masked(length)) + data + le(CRC32C.masked(data))
    }

    static func file(_ events: [[UInt8]]) -> Data {
        Data(record(fileVersion) + events.flatMap(record))
    }
}
