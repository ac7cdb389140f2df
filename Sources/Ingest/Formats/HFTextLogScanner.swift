import RunModel

/// One pass over a Trainer stdout log: the logged dicts, the tqdm progress bars between them, the
/// `***** Running training *****` banner facts, and the lines worth reporting (out of memory, errors).
///
/// Lines are split on `\n` and then on `\r`, since tqdm redraws its bar with carriage returns.
struct HFTextLogScanner {
    enum Kind { case train, eval, summary }

    struct Record {
        var line: Int
        var kind: Kind
        var members: [PythonDict.Member]
    }

    struct Bar {
        var step: Int
        var total: Int
        var recordIndex: Int
    }

    struct Result {
        var records: [Record] = []
        /// Progress bars in file order, each with the number of records before it.
        var bars: [Bar] = []
        /// Banner facts by `HFTextLogFormat.bannerNames` id (`max_steps`, `num_epochs`...), first value wins.
        var banner: [String: String] = [:]
        var bannerOrder: [String] = []
        var events: [LogEvent] = []
        var droppedEvents = 0
        /// "Continuing training from global step N".
        var resumedFrom: Int?
    }

    /// More lines of one kind than this are counted, not kept (a log can repeat a warning forever).
    static let maxEvents = 200

    static func scan(_ b: UnsafeBufferPointer<UInt8>, path: String) -> Result {
        var result = Result()
        var inEvaluation = false
        var start = 0
        var line = 0
        let n = b.count
        while start < n {
            var stop = start
            while stop < n && b[stop] != 0x0A { stop += 1 }
            line += 1
            var segment = start
            while segment < stop {
                var segmentEnd = segment
                while segmentEnd < stop && b[segmentEnd] != 0x0D { segmentEnd += 1 }
                if segmentEnd > segment {
                    scanSegment(b, segment, segmentEnd, line: line, path: path, inEvaluation: &inEvaluation, into: &result)
                }
                segment = segmentEnd + 1
            }
            start = stop + 1
        }
        return result
    }

    private static func scanSegment(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, line: Int, path: String,
                                    inEvaluation: inout Bool, into result: inout Result) {
        if let bar = progressBar(b, start, end) {
            result.bars.append(Bar(step: bar.step, total: bar.total, recordIndex: result.records.count))
        }
        if let open = find(b, start, end, "{'") ?? find(b, start, end, "{\""), let members = PythonDict.parse(b, from: open, to: end),
           let kind = kind(of: members) {
            result.records.append(Record(line: line, kind: kind, members: members))
            return
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        if text.contains("***** Running") {
            inEvaluation = !text.contains("Running training")
        }
        if text.contains(" = ") && !inEvaluation { banner(text, into: &result) }
        if let range = text.firstRange(of: "Continuing training from global step ") {
            result.resumedFrom = Int(text[range.upperBound...].prefix { $0.isNumber })
        }
        if let kind = eventKind(text) {
            if result.events.count < maxEvents {
                result.events.append(LogEvent(kind: kind, path: path, line: line, text: String(text.trimmingPrefix(" ").prefix(300))))
            } else {
                result.droppedEvents += 1
            }
        }
    }

    /// Training dicts have a loss or a learning rate; evaluation dicts `eval_`/`test_` keys; the
    /// final summary `train_runtime`. Other dicts printed by user code are not log entries.
    static func kind(of members: [PythonDict.Member]) -> Kind? {
        var eval = false
        var train = false
        for m in members {
            if m.key == "train_runtime" { return .summary }
            if m.key.hasPrefix("eval_") || m.key.hasPrefix("test_") { eval = true }
            if m.key == "loss" || m.key == "learning_rate" || m.key == "grad_norm" { train = true }
        }
        if train { return .train }
        return eval ? .eval : nil
    }

    /// `OutOfMemoryError` in any spelling, `CUDA out of memory`, TensorFlow's `OOM when allocating tensor`;
    /// tracebacks and `SomethingError: ...` lines.
    static func eventKind(_ text: String) -> LogEvent.Kind? {
        if has(text, "CUDA out of memory") || has(text, "OutOfMemoryError") || has(text, "out of memory.")
            || has(text, "OOM when allocating tensor") {
            return .outOfMemory
        }
        if text.hasPrefix("Traceback (most recent call last)") { return .error }
        let head = text.drop { $0 == " " }
        if let colon = head.firstIndex(of: ":") {
            let name = head[..<colon]
            if name.hasSuffix("Error") || name.hasSuffix("Exception"), name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }) {
                return .error
            }
        }
        return nil
    }

    /// Whether `text` holds `needle`, compared byte by byte in UTF-8 (Foundation's `contains` is a
    /// locale-aware search, and every console line of a run goes through here).
    static func has(_ text: String, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        let w = needle.utf8Start
        var text = text
        return text.withUTF8 { t in
            guard n > 0 else { return true }
            var i = 0
            while i + n <= t.count {
                if t[i] == w[0] {
                    var k = 1
                    while k < n && t[i + k] == w[k] { k += 1 }
                    if k == n { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// `| 30/250 [` as tqdm prints it (`{bar}| {n}/{total} [{elapsed}<...]`).
    static func progressBar(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (step: Int, total: Int)? {
        var i = start
        while let bar = find(b, i, end, "| ") {
            var j = bar + 2
            let n = digits(b, &j, end)
            if let n, j < end, b[j] == UInt8(ascii: "/") {
                j += 1
                if let total = digits(b, &j, end), j + 1 < end, b[j] == 0x20, b[j + 1] == UInt8(ascii: "[") {
                    return (n, total)
                }
            }
            i = bar + 2
        }
        return nil
    }

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int) -> Int? {
        let first = i
        var v = 0
        while i < end, b[i] >= 48, b[i] <= 57, i - first < 18 {
            v = v * 10 + Int(b[i] - 48)
            i += 1
        }
        return i > first ? v : nil
    }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ needle: StaticString) -> Int? {
        let count = needle.utf8CodeUnitCount
        let w = needle.utf8Start
        var i = start
        while i + count <= end {
            if b[i] == w[0] {
                var k = 1
                while k < count && b[i + k] == w[k] { k += 1 }
                if k == count { return i }
            }
            i += 1
        }
        return nil
    }

    /// `  Num Epochs = 1,000` (HF) and `Num examples = 80 | Num Epochs = 4 | Total steps = 250` (Unsloth).
    private static func banner(_ text: String, into result: inout Result) {
        for part in text.split(separator: "|") {
            guard let eq = part.firstRange(of: " = ") else { continue }
            var name = String(part[..<eq.lowerBound])
            // transformers 5 prefixes its log lines with "[transformers] ".
            if name.hasPrefix("["), let close = name.firstIndex(of: "]") { name = String(name[name.index(after: close)...]) }
            if let marker = name.ranges(of: ">>").last { name = String(name[marker.upperBound...]) }
            if let paren = name.firstIndex(of: "(") { name = String(name[..<paren]) }
            name = ByteText.trimmed(name).lowercased()
            guard let fact = HFTextLogFormat.bannerNames[name], result.banner[fact] == nil else { continue }
            let value = ByteText.trimmed(part[eq.upperBound...])
            result.banner[fact] = value
            result.bannerOrder.append(fact)
        }
    }
}
