import RunModel

/// TensorBoard's CSV export (`Wall time,Step,Value`, CRLF, `nan`/`inf`/`-inf`), one file per tag;
/// tag and run from the name `run-<run>-tag-<tag>.csv`. A directory of such files is one run.
public struct TensorBoardCSVFormat: RunFormat {
    public let id = "tensorboard-csv"
    public let summary = "TensorBoard UI CSV export (Wall time,Step,Value), one file per tag, or a folder of them"
    static let header = "wall time,step,value"

    public init() {}

    public func sniff(fileName: String, prefix: [UInt8]) -> Sniff {
        let first = ByteText.lines(Array(prefix.prefix(256))).first.map(ByteText.text) ?? ""
        if Self.isHeader(first) { return .strong("header 'Wall time,Step,Value'") }
        if TensorBoardExportName.matches(fileName) && fileName.lowercased().hasSuffix(".csv") {
            return .weak("named run-<run>-tag-<tag>.csv")
        }
        return .no("first line is not 'Wall time,Step,Value'")
    }

    static func isHeader(_ line: String) -> Bool {
        var l = line
        if l.hasPrefix("\u{FEFF}") { l.removeFirst() }
        return l.lowercased().replacing("\"", with: "") == header
    }

    public func claim(_ directory: DirectoryListing, prefix: (String) -> [UInt8]) -> DirectoryClaim {
        TensorBoardExportName.claim(directory, ending: ".csv", format: self, prefix: prefix)
    }

    public func parse(_ input: RunInput) throws -> Run {
        try TensorBoardExportRun.build(input, format: id, read: Self.read)
    }

    /// Byte-level parse of one export: header, then `wall,step,value` rows.
    static func read(_ path: String) throws -> TensorBoardExportRun.Points {
        let bytes = try FileBytes.read(path, guarding: .lines)
        return try bytes.withUnsafeBufferPointer { b in
            var points = TensorBoardExportRun.Points()
            var lineNumber = 0
            var start = 0
            let n = b.count
            if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { start = 3 }
            var sawHeader = false
            while start < n {
                var stop = start
                while stop < n && b[stop] != 0x0A { stop += 1 }
                let terminated = stop < n
                lineNumber += 1
                var lineEnd = stop
                if lineEnd > start && b[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                defer { start = stop + 1 }
                if lineEnd == start { continue }
                if !sawHeader {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<lineEnd]), as: UTF8.self)
                    guard isHeader(text) else {
                        throw IngestError(path: path, line: lineNumber, byteOffset: start,
                                          message: "expected the header 'Wall time,Step,Value', found '\(text.prefix(60))'")
                    }
                    sawHeader = true
                    continue
                }
                guard let row = parseRow(b, from: start, to: lineEnd) else {
                    if !terminated {
                        points.truncatedLine = lineNumber
                        break
                    }
                    let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<lineEnd]), as: UTF8.self)
                    throw IngestError(path: path, line: lineNumber, byteOffset: start,
                                      message: "expected 'wall time,step,value' (numbers; nan/inf allowed), found '\(text.prefix(80))'")
                }
                points.wallTimes.append(row.wall)
                points.steps.append(row.step)
                points.values.append(row.value)
            }
            if !sawHeader {
                throw IngestError(path: path, line: 1, byteOffset: 0, message: "expected the header 'Wall time,Step,Value', found an empty file")
            }
            return points
        }
    }

    @inline(__always)
    static func parseRow(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (wall: Double, step: Int, value: Double)? {
        var fields: (Int, Int, Int, Int) = (start, 0, 0, end)
        var found = 0
        var i = start
        while i < end {
            if b[i] == UInt8(ascii: ",") {
                found += 1
                if found == 1 { fields.1 = i } else if found == 2 { fields.2 = i } else { return nil }
            }
            i += 1
        }
        guard found == 2 else { return nil }
        guard let wall = field(b, fields.0, fields.1),
              let stepValue = field(b, fields.1 + 1, fields.2),
              let step = StepRule.whole(stepValue),
              let value = field(b, fields.2 + 1, fields.3) else { return nil }
        return (wall, step, value)
    }

    /// A cell, without surrounding quotes or spaces.
    @inline(__always)
    static func field(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var s = start, e = end
        while s < e && (b[s] == 0x20 || b[s] == UInt8(ascii: "\"")) { s += 1 }
        while e > s && (b[e - 1] == 0x20 || b[e - 1] == UInt8(ascii: "\"")) { e -= 1 }
        return ByteNumber.parseField(b, from: s, to: e)
    }
}
