import RunModel

/// TensorBoard's JSON export of one tag: `[[wall_time, step, value], ...]`, with non-finite values
/// as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`. Named like the CSV export
/// (`run-<run>-tag-<tag>.json`); a directory of such files is one run.
public struct TensorBoardJSONFormat: RunFormat {
    public let id = "tensorboard-json"
    public let summary = "TensorBoard UI JSON export ([[wall, step, value], ...]), one file per tag, or a folder of them"

    public init() {}

    public func sniff(fileName: String, prefix: [UInt8]) -> Sniff {
        var i = 0
        func skip() { while i < prefix.count && ByteText.isSpace(prefix[i]) { i += 1 } }
        skip()
        guard i < prefix.count, prefix[i] == UInt8(ascii: "[") else { return .no("does not start with '[['") }
        i += 1
        skip()
        if i >= prefix.count { return .weak("starts with '['") }
        if prefix[i] == UInt8(ascii: "]") { return .weak("an empty JSON array") }
        guard prefix[i] == UInt8(ascii: "[") else { return .no("does not start with '[['") }
        i += 1
        skip()
        guard i < prefix.count, JSONScanner.startsNumber(prefix[i]) else { return .no("'[[' not followed by a number") }
        return .strong("starts with '[[' and a number ([[wall, step, value], ...])")
    }

    public func claim(_ directory: DirectoryListing, prefix: (String) -> [UInt8]) -> DirectoryClaim {
        TensorBoardExportName.claim(directory, ending: ".json", format: self, prefix: prefix)
    }

    public func parse(_ input: RunInput) throws -> Run {
        try TensorBoardExportRun.build(input, format: id, read: Self.read)
    }

    static func read(_ path: String) throws -> TensorBoardExportRun.Points {
        let bytes = try FileBytes.read(path, guarding: .document)
        return try bytes.withUnsafeBufferPointer { b in
            var s = JSONScanner(bytes: b, path: path)
            var points = TensorBoardExportRun.Points()
            if ByteText.hasUTF8BOM(b) { s.pos = 3 }
            s.skipWhitespace()
            try s.expect(UInt8(ascii: "["), "'[' (a list of [wall time, step, value])")
            s.skipWhitespace()
            if s.peek() == UInt8(ascii: "]") { s.pos += 1 } else {
                while true {
                    s.skipWhitespace()
                    try s.expect(UInt8(ascii: "["), "'[' (a [wall time, step, value] triple)")
                    let wall = try value(&s)
                    try separator(&s)
                    s.skipWhitespace()
                    let stepStart = s.pos
                    guard let step = StepRule.whole(try value(&s)) else {
                        throw s.failure(at: stepStart, expected: "an integer step")
                    }
                    try separator(&s)
                    let v = try value(&s)
                    s.skipWhitespace()
                    try s.expect(UInt8(ascii: "]"), "']' closing a [wall time, step, value] triple")
                    points.wallTimes.append(wall)
                    points.steps.append(step)
                    points.values.append(v)
                    s.skipWhitespace()
                    if s.peek() == UInt8(ascii: ",") { s.pos += 1; continue }
                    try s.expect(UInt8(ascii: "]"), "',' or ']' after a triple")
                    break
                }
            }
            s.skipWhitespace()
            if !s.atEnd { throw s.failure(expected: "the end of the file") }
            return points
        }
    }

    private static func separator(_ s: inout JSONScanner) throws {
        s.skipWhitespace()
        try s.expect(UInt8(ascii: ","), "',' between wall time, step and value")
    }

    /// A number, or one of the strings TensorBoard writes for non-finite values.
    private static func value(_ s: inout JSONScanner) throws -> Double {
        s.skipWhitespace()
        let start = s.pos
        if s.peek() == UInt8(ascii: "\"") {
            switch try s.parseString() {
            case "NaN", "nan": return .nan
            case "Infinity", "inf": return .infinity
            case "-Infinity", "-inf": return -.infinity
            default: throw s.failure(at: start, expected: "a number or \"NaN\"/\"Infinity\"/\"-Infinity\"")
            }
        }
        guard let c = s.peek(), JSONScanner.startsNumber(c) else { throw s.failure(expected: "a number") }
        return try s.parseNumber().value
    }
}
