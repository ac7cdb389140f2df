import RunModel

/// One JSON object per line: wandb's `wandb-history.jsonl`, LLaMA-Factory's `trainer_log.jsonl`,
/// detectron2's `metrics.json`, torchtune's and custom logs.
///
/// The step key is detected (`StepKey.candidates`, in order of preference; `train/global_step` beats
/// wandb's `_step`, which is not the trainer's step for HF runs); without one, an integral `epoch`
/// or else the line's ordinal is the step, with a warning. Every numeric field is a series; strings,
/// booleans and nested objects (wandb media) are skipped; `_timestamp` (or `_runtime`) is the wall
/// time. A key repeated within a line keeps its later value (a repair, not a step logged twice).
/// A malformed last line without a newline is taken as cut off mid-write and skipped with a
/// repair; any other malformed line (a complete last line included) is an error naming the file and line.
public struct JSONLFormat: RunFormat {
    public let id = "jsonl"
    public let summary = "JSON lines: wandb-history.jsonl, LLaMA-Factory trainer_log.jsonl, detectron2 metrics.json, custom logs"

    /// Keys that are not metrics: bookkeeping of the producers (LLaMA-Factory's progress, wandb's `_` keys).
    static let bookkeeping: Set<String> = ["total_steps", "percentage"]

    public init() {}

    public func sniff(fileName: String, prefix: [UInt8]) -> Sniff {
        let lines = ByteText.lines(prefix).map { $0.drop(while: ByteText.isSpace) }.filter { !$0.isEmpty }
        guard let first = lines.first, first.first == UInt8(ascii: "{") else { return .no("first line does not start with '{'") }
        let complete = lines.prefix(lines.count - (prefix.count >= FormatRegistry.sniffLength ? 1 : 0))
        let objects = complete.filter { $0.first == UInt8(ascii: "{") && Self.trimmedLast($0) == UInt8(ascii: "}") }
        if objects.count >= 2 && objects.count == complete.count { return .strong("one JSON object per line") }
        if fileName.lowercased().hasSuffix(".jsonl") {
            return objects.isEmpty ? .weak("named *.jsonl") : .strong("named *.jsonl with a JSON object per line")
        }
        if objects.count == 1 && complete.count == 1 { return .no("a single JSON object, not a log of lines") }
        return .no("not one JSON object per line")
    }

    private static func trimmedLast(_ line: ArraySlice<UInt8>) -> UInt8? {
        line.last(where: { !ByteText.isSpace($0) })
    }

    public func parse(_ input: RunInput) throws -> Run {
        guard let path = input.files.first else { throw IngestError(path: input.location, message: "no file to read") }
        var records = try Self.records(path)
        var repeatedKeys = RepeatedKeys()
        for i in records.objects.indices {
            let (members, repeated) = RepeatedKeys.lastWins(records.objects[i].members)
            guard !repeated.isEmpty else { continue }
            records.objects[i].members = members
            for r in repeated { repeatedKeys.note(r.key, times: r.times, line: records.objects[i].line) }
        }
        var builder = RunBuilder(name: input.name, format: id, sourcePath: path)
        builder.provenance.sources = [SourceFile(path: path, format: id, note: input.note)]
        if let line = records.truncatedLine {
            builder.issue(.repair, line: line, "last line is not a complete JSON object (cut off mid-write?); skipped")
        }
        let stepKey = StepKey.detect(records.objects.map(\.members))
        if case .ordinal(let reason) = stepKey { builder.issue(.warning, reason) }
        if case .epoch = stepKey { builder.issue(.warning, "no step key (step, global_step, iteration, _step...); the integral epoch is used as the step") }

        var columns: [String: (steps: [Int], walls: [Double], values: [Double])] = [:]
        var order: [String] = []
        var withoutStep = 0, firstWithoutStep: Int?
        var unusableStep = 0, firstUnusableStep: (line: Int, value: JSONValue)?
        var stringNumbers = 0, firstStringNumber: Int?
        for (ordinal, record) in records.objects.enumerated() {
            guard let step = stepKey.step(of: record.members, ordinal: ordinal) else {
                if let value = stepKey.value(in: record.members) {
                    unusableStep += 1
                    firstUnusableStep = firstUnusableStep ?? (record.line, value)
                } else {
                    withoutStep += 1
                    firstWithoutStep = firstWithoutStep ?? record.line
                }
                continue
            }
            let wall = Self.wallTime(record.members)
            for (key, value) in record.members where !stepKey.excludes(key) && !key.hasPrefix("_") && !Self.bookkeeping.contains(key)
                && key != wall.key {
                let number: Double
                switch value {
                case .int(let i): number = Double(i)
                case .number(let d): number = d
                case .string(let text):
                    guard let v = Self.nonFiniteString(text) else { continue }
                    number = v
                    stringNumbers += 1
                    firstStringNumber = firstStringNumber ?? record.line
                default: continue
                }
                if columns[key] == nil { order.append(key); columns[key] = ([], [], []) }
                columns[key]?.steps.append(step)
                columns[key]?.walls.append(wall.value)
                columns[key]?.values.append(number)
            }
            if case .int(let total) = record.members.first(where: { $0.0 == "total_steps" })?.1 ?? .null {
                builder.metadata.maxSteps = total
            }
        }
        if withoutStep > 0 {
            builder.issue(.repair, line: firstWithoutStep, "\(withoutStep) line\(withoutStep == 1 ? " has" : "s have") no \"\(stepKey.description)\"; skipped")
        }
        if let first = firstUnusableStep {
            builder.issue(.repair, line: first.line, "\(unusableStep) line\(unusableStep == 1 ? " has" : "s have") a \"\(stepKey.description)\" that is not \(StepRule.description) (e.g. line \(first.line): \(first.value.serialized(pretty: false))); skipped")
        }
        repeatedKeys.report(into: &builder)
        if stringNumbers > 0 {
            builder.issue(.repair, line: firstStringNumber, "\(stringNumbers) non-finite value\(stringNumbers == 1 ? " was" : "s were") written as a string (\"NaN\", \"Infinity\"); read as numbers")
        }
        for key in order {
            guard let c = columns.removeValue(forKey: key) else { continue }
            let canonical = MetricCatalog.canonical(key)
            builder.add(name: canonical.name, key: key, role: canonical.role, steps: c.steps, wallTimes: c.walls, values: c.values)
        }
        return builder.build()
    }

    static func nonFiniteString(_ text: String) -> Double? {
        switch text.lowercased() {
        case "nan": return .nan
        case "inf", "infinity", "+inf", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return nil
        }
    }

    /// Unix time of a line (`_timestamp`, `timestamp`, `wall_time`, or `time` when it looks like one),
    /// else wandb's `_runtime` (seconds since the start); NaN when there is none. `key` names the
    /// field used, which is then not a series.
    static func wallTime(_ members: [(String, JSONValue)]) -> (value: Double, key: String?) {
        var runtime: (value: Double, key: String?) = (.nan, nil)
        for (key, value) in members {
            guard let v = value.doubleValue else { continue }
            switch key {
            case "_timestamp", "timestamp", "wall_time": return (v, key)
            case "time" where v > 1e9: return (v, key)
            case "_runtime": runtime = (v, key)
            default: continue
            }
        }
        return runtime
    }

    struct Records {
        var objects: [(line: Int, members: [(String, JSONValue)])] = []
        var truncatedLine: Int?
    }

    /// Keys one line may hold: a wandb line of a large model logs a few thousand; millions (8.8M
    /// numeric keys in a 200 MB line) would each become a series.
    static let maxKeysPerLine = 10_000

    static func records(_ path: String) throws -> Records {
        let bytes = try FileBytes.read(path, guarding: .lines)
        return try bytes.withUnsafeBufferPointer { b in
            var out = Records()
            var start = 0
            var line = 0
            let n = b.count
            if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { start = 3 }
            var pending: IngestError?
            var pendingHasNewline = false
            while start < n {
                var stop = start
                while stop < n && b[stop] != 0x0A { stop += 1 }
                line += 1
                defer { start = stop + 1 }
                var s = JSONScanner(bytes: b, path: path, from: start, to: stop)
                s.skipWhitespace()
                if s.atEnd { continue }
                if let error = pending { throw error }
                do {
                    guard s.peek() == UInt8(ascii: "{") else { throw s.failure(expected: "'{' (one JSON object per line)") }
                    guard case .object(let members) = try s.parseValue() else { throw s.failure(expected: "a JSON object") }
                    if members.count > maxKeysPerLine {
                        throw IngestError(path: path, line: line, byteOffset: start,
                                          message: "expected at most \(maxKeysPerLine) keys in one line, found \(members.count) (no real log writes that many)")
                    }
                    s.skipWhitespace()
                    if !s.atEnd { throw s.failure(expected: "the end of the line after the object") }
                    out.objects.append((line, members))
                } catch let error as IngestError {
                    pending = error
                    pendingHasNewline = stop < n
                    out.truncatedLine = line
                }
            }
            if let error = pending, pendingHasNewline { throw error }
            if pending == nil { out.truncatedLine = nil }
            return out
        }
    }
}
