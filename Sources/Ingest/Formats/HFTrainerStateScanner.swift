#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RunModel

/// The purpose-built reader behind `HFTrainerStateFormat`: one pass over the bytes of a
/// trainer_state.json, keeping every top-level value as a `JSONValue` and streaming `log_history`
/// into per-key columns without building a value per entry.
///
/// Keys of log_history entries are interned; since `json.dumps(sort_keys=True)` writes them in the
/// same order in every entry, the next key is predicted from the previous one and confirmed with one
/// `memcmp`.
struct HFTrainerStateScanner {
    /// A log_history key: its name and, as it is logged, its points.
    struct Column {
        var key: String
        var steps: [Int] = []
        var values: [Double] = []
    }

    /// What the scan found.
    struct Result {
        var topLevel: [(String, JSONValue)] = []
        var columns: [Column] = []
        /// Numeric fields of the final summary entry (the one with `train_runtime`), last one wins.
        var summary: [(String, Double)] = []
        var entries = 0
        /// Entries without a usable integer `step`, with the line of the first one.
        var entriesWithoutStep = 0
        var firstEntryWithoutStepLine: Int?
        /// Keys repeated inside one entry (the later value is the one read).
        var repeatedKeys = RepeatedKeys()
        var sawLogHistory = false
        /// Top-level keys that appear more than once (the later value is the one read, as Python's
        /// json does), `log_history` included.
        var repeatedTopLevel: [String] = []
    }

    private var s: JSONScanner
    private var result = Result()
    private var keyBytes: [[UInt8]] = []
    private var keyIndex: [[UInt8]: Int] = [:]
    /// Per key: the index of the key that followed it last time (-1 when unknown).
    private var nextKey: [Int] = []
    /// Per key: the index of the last entry it appeared in (-1 before any), to notice a key repeated in one entry.
    private var lastEntryOfKey: [Int] = []
    private var firstKey = -1
    private var stepKey = -1
    private var epochKey = -1
    private var summaryMarkerKey = -1

    private init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
        s = JSONScanner(bytes: bytes, path: path)
    }

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> Result {
        var scanner = HFTrainerStateScanner(bytes: bytes, path: path)
        try scanner.document()
        return scanner.result
    }

    private mutating func document() throws {
        s.skipWhitespace()
        if s.pos == 0, s.end >= 3, s.bytes[0] == 0xEF, s.bytes[1] == 0xBB, s.bytes[2] == 0xBF {
            s.pos = 3
            s.skipWhitespace()
        }
        try s.expect(UInt8(ascii: "{"), "'{' opening the trainer_state.json object")
        s.skipWhitespace()
        if s.peek() == UInt8(ascii: "}") {
            s.pos += 1
        } else {
            var seen = Set<String>()
            while true {
                s.skipWhitespace()
                let key = try s.parseString()
                if !seen.insert(key).inserted { result.repeatedTopLevel.append(key) }
                s.skipWhitespace()
                try s.expect(UInt8(ascii: ":"), "':' after the key \"\(key)\"")
                s.skipWhitespace()
                if key == "log_history" {
                    if result.sawLogHistory { forgetLogHistory() }
                    try logHistory()
                    result.sawLogHistory = true
                } else {
                    result.topLevel.append((key, try s.parseValue()))
                }
                s.skipWhitespace()
                if s.peek() == UInt8(ascii: ",") { s.pos += 1; continue }
                try s.expect(UInt8(ascii: "}"), "',' or '}' after the value of \"\(key)\"")
                break
            }
        }
        s.skipWhitespace()
        if !s.atEnd { throw s.failure(expected: "the end of the file after the top-level object") }
    }

    /// A second `log_history` replaces the first (the later value of a repeated key wins), rather
    /// than being appended to it.
    private mutating func forgetLogHistory() {
        for i in result.columns.indices {
            result.columns[i].steps.removeAll()
            result.columns[i].values.removeAll()
        }
        result.summary = []
        result.entries = 0
        result.entriesWithoutStep = 0
        result.firstEntryWithoutStepLine = nil
        result.repeatedKeys = RepeatedKeys()
        for k in lastEntryOfKey.indices { lastEntryOfKey[k] = -1 }
    }

    private mutating func logHistory() throws {
        try s.expect(UInt8(ascii: "["), "'[' (log_history is a list of entries)")
        s.skipWhitespace()
        if s.peek() == UInt8(ascii: "]") { s.pos += 1; return }
        var fieldKeys: [Int] = []
        var fieldValues: [Double] = []
        var repeats: [(key: Int, offset: Int)] = []
        while true {
            s.skipWhitespace()
            let entryStart = s.pos
            try s.expect(UInt8(ascii: "{"), "'{' (a log_history entry)")
            fieldKeys.removeAll(keepingCapacity: true)
            fieldValues.removeAll(keepingCapacity: true)
            repeats.removeAll(keepingCapacity: true)
            var step: Int?
            var isSummary = false
            s.skipWhitespace()
            if s.peek() == UInt8(ascii: "}") {
                s.pos += 1
            } else {
                var previous = -1
                while true {
                    s.skipWhitespace()
                    let keyStart = s.pos
                    let k = try internKey(after: previous)
                    previous = k
                    if lastEntryOfKey[k] == result.entries {
                        // The later value wins: drop the earlier one.
                        repeats.append((k, keyStart))
                        if k == stepKey {
                            step = nil
                        } else if let i = fieldKeys.lastIndex(of: k) {
                            fieldKeys.remove(at: i)
                            fieldValues.remove(at: i)
                        }
                    }
                    lastEntryOfKey[k] = result.entries
                    s.skipWhitespace()
                    try s.expect(UInt8(ascii: ":"), "':' after a key")
                    s.skipWhitespace()
                    guard let c = s.peek() else { throw s.failure(expected: "a value") }
                    if JSONScanner.startsNumber(c) {
                        let n = try s.parseNumber()
                        if k == stepKey {
                            step = n.integer ?? StepRule.whole(n.value)
                        } else {
                            if k == summaryMarkerKey { isSummary = true }
                            fieldKeys.append(k)
                            fieldValues.append(n.value)
                        }
                    } else {
                        _ = try s.parseValue()
                    }
                    s.skipWhitespace()
                    guard s.pos < s.end else { throw s.failure(expected: "',' or '}' in a log_history entry") }
                    let sep = s.bytes[s.pos]
                    s.pos += 1
                    if sep == UInt8(ascii: ",") { continue }
                    if sep == UInt8(ascii: "}") { break }
                    throw s.failure(at: s.pos - 1, expected: "',' or '}' in a log_history entry")
                }
            }
            if !repeats.isEmpty { noteRepeats(repeats) }
            result.entries += 1
            if result.entries == 4096 { reserveForEstimatedEntries() }
            record(step: step, isSummary: isSummary, keys: fieldKeys, values: fieldValues, entryStart: entryStart)
            s.skipWhitespace()
            guard s.pos < s.end else { throw s.failure(expected: "',' or ']' after a log_history entry") }
            let sep = s.bytes[s.pos]
            s.pos += 1
            if sep == UInt8(ascii: ",") { continue }
            if sep == UInt8(ascii: "]") { return }
            throw s.failure(at: s.pos - 1, expected: "',' or ']' after a log_history entry")
        }
    }

    /// Notes the keys repeated in the current entry, each at the line of its first repetition.
    private mutating func noteRepeats(_ repeats: [(key: Int, offset: Int)]) {
        var done = Set<Int>()
        for r in repeats where done.insert(r.key).inserted {
            let key = result.columns[r.key].key
            let times = 1 + repeats.count { $0.key == r.key }
            // Only the first entry with a repeated key gives its line: counting lines again for every later one would be quadratic.
            let line = result.repeatedKeys.contains(key) ? 0 : s.line(of: r.offset)
            result.repeatedKeys.note(key, times: times, line: line, place: "log_history[\(result.entries)]")
        }
    }

    @inline(__always)
    private mutating func record(step: Int?, isSummary: Bool, keys: [Int], values: [Double], entryStart: Int) {
        guard let step else {
            if !keys.isEmpty {
                result.entriesWithoutStep += 1
                if result.firstEntryWithoutStepLine == nil { result.firstEntryWithoutStepLine = s.line(of: entryStart) }
            }
            return
        }
        if isSummary {
            result.summary = zip(keys, values).map { (result.columns[$0].key, $1) }
            return
        }
        for i in keys.indices {
            let k = keys[i]
            // Eval entries repeat the epoch of the training entry at the same step: one point is enough.
            if k == epochKey, result.columns[k].steps.last == step { continue }
            result.columns[k].steps.append(step)
            result.columns[k].values.append(values[i])
        }
    }

    /// Once some entries are read, reserves column space for the whole file (estimated from the bytes
    /// per entry so far), so columns are not regrown and copied; unused capacity is never touched.
    private mutating func reserveForEstimatedEntries() {
        let perEntry = Double(s.pos) / Double(result.entries)
        let estimate = Int(Double(s.end) / perEntry * 1.1)
        for k in result.columns.indices {
            let share = Double(result.columns[k].steps.count) / Double(result.entries)
            let wanted = Int(Double(estimate) * share) + 16
            result.columns[k].steps.reserveCapacity(wanted)
            result.columns[k].values.reserveCapacity(wanted)
        }
    }

    /// Reads a key at the cursor and returns its index, guessing it from the previous key first.
    @inline(__always)
    private mutating func internKey(after previous: Int) throws -> Int {
        let raw = try s.scanString()
        let guess = previous < 0 ? firstKey : nextKey[previous]
        if !raw.escaped, guess >= 0, keyEquals(guess, raw.start, raw.end) { return guess }
        let k: Int
        if raw.escaped {
            k = intern(Array(try s.decodeString(from: raw.start, to: raw.end, escaped: true).utf8))
        } else {
            k = intern(Array(UnsafeBufferPointer(rebasing: s.bytes[raw.start..<raw.end])))
        }
        if previous < 0 { firstKey = k } else { nextKey[previous] = k }
        return k
    }

    @inline(__always)
    private func keyEquals(_ k: Int, _ start: Int, _ end: Int) -> Bool {
        let n = end - start
        return keyBytes[k].withUnsafeBufferPointer { key in
            guard key.count == n, let a = key.baseAddress, let b = s.bytes.baseAddress else { return key.count == n && n == 0 }
            return memcmp(a, b + start, n) == 0
        }
    }

    private mutating func intern(_ bytes: [UInt8]) -> Int {
        if let k = keyIndex[bytes] { return k }
        let k = keyBytes.count
        keyBytes.append(bytes)
        keyIndex[bytes] = k
        nextKey.append(-1)
        lastEntryOfKey.append(-1)
        let name = String(decoding: bytes, as: UTF8.self)
        result.columns.append(Column(key: name))
        switch name {
        case "step": stepKey = k
        case "epoch": epochKey = k
        case "train_runtime": summaryMarkerKey = k
        default: break
        }
        return k
    }
}
