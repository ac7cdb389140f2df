#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes the protobuf `Record` messages of a `.wandb` file (wandb's `wandb_internal.proto`) into
/// what a report needs, with `ProtoWire` and no protobuf library:
///
/// - `history` (Record field 2): `HistoryItem { key = 1; nested_key = 2; value_json = 16 }` and
///   `HistoryStep { num = 1 }`; W&B's own `_step`, `_timestamp` and `_runtime` come as items.
/// - `summary` (3) and `config` (5): items `{ key = 1; nested_key = 2; value_json = 16 }`.
/// - `output` (4) and `output_raw` (13): `{ output_type = 1; timestamp = 2; line = 3 }` console text.
/// - `stats` (7): `{ timestamp = 2; item = 3 { key = 1; value_json = 16 } }` system metrics.
/// - `metric` (12): `{ name = 1; glob_name = 2; step_metric = 4 }` (`define_metric`, e.g. HF's
///   `train/global_step` as the x axis of every key).
/// - `run` (17): run id, entity, project, config, display name, host, start time, resumed.
/// - `exit` (18): `{ exit_code = 1; runtime = 2 }`; `preempting` (23); `environment` (26): OS,
///   Python, program and args, host, GPU type and count, GPU memory, CUDA version; `telemetry` (11):
///   the transformers and wandb versions; `header` (21): the writer's version.
///
/// Values are JSON text: numbers (and Python's `NaN`/`Infinity`) become points; strings, booleans,
/// objects (media, histograms, tables) and nulls are not series.
struct WandbRecordDecoder {
    /// One history key's values in file order, and the row of each: a column logged in every row
    /// from its first on (the usual case) stores no rows at all, so that its values are the only
    /// memory it touches and can become a series' storage as they are.
    struct Column {
        var key: String
        var values: [Double] = []
        /// The row of the first value; value `i` is in row `firstRow + i` unless rows are listed.
        var firstRow: Int
        /// Each value's row, once the column skipped a row or had two values in one (nil until then).
        private var listedRows: [Int]?

        init(key: String, firstRow: Int) {
            self.key = key
            self.firstRow = firstRow
        }

        /// Whether value `i` is in row `firstRow + i` for every `i`.
        var isDense: Bool { listedRows == nil }
        var rows: [Int] { listedRows ?? Array(firstRow..<firstRow + values.count) }
        func row(_ i: Int) -> Int { listedRows?[i] ?? firstRow + i }

        @inline(__always)
        mutating func append(_ value: Double, row: Int) {
            if listedRows == nil && row == firstRow + values.count {
                values.append(value)
            } else {
                appendListing(value, row: row)
            }
        }

        private mutating func appendListing(_ value: Double, row: Int) {
            if listedRows == nil {
                listedRows = Array(firstRow..<firstRow + values.count)
                listedRows?.reserveCapacity(values.capacity)
            }
            listedRows?.append(row)
            values.append(value)
        }
    }

    struct StatsSample {
        var time: Double
        /// Column index (into `statsKeys`) and value.
        var items: [(Int, Double)]
    }

    struct ConsoleLine {
        var text: String
        var time: Double?
    }

    /// Everything read from one file.
    struct Contents {
        /// History columns in first-seen order; their rows index `rowSteps`/`rowTimes`.
        var columns: [Column] = []
        /// Per history row: `HistoryStep.num` or the `_step` item (-1 when neither), and `_timestamp`.
        var rowSteps: [Int] = []
        var rowTimes: [Double] = []
        /// The latest numeric value of each summary key, in first-seen order (other values are not used).
        var summary: [(key: String, value: Double)] = []
        var config: [(key: String, value: String)] = []
        var stepMetrics: [(name: String, glob: Bool, stepMetric: String)] = []
        var statsKeys: [String] = []
        var stats: [StatsSample] = []
        var console: [ConsoleLine] = []
        var runID: String?
        var entity: String?
        var project: String?
        var displayName: String?
        var group: String?
        var jobType: String?
        var host: String?
        var startTime: Double?
        var startingStep: Int?
        var resumed = false
        var exitCode: Int?
        var exitRuntime: Int?
        /// The (1-based) number of the exit and preempting records, to point at them.
        var exitRecord: Int?
        var preemptedRecord: Int?
        var producer: String?
        var huggingfaceVersion: String?
        /// The wandb version telemetry names (what older versions, without a producer in the header, say).
        var cliVersion: String?
        var gpuType: String?
        var gpuCount: Int?
        var gpuMemoryTotal: UInt64?
        /// The environment record's facts about the process (what `files/wandb-metadata.json` shows online).
        var os: String?
        var python: String?
        var program: String?
        var args: [String] = []
        var cudaVersion: String?
        var records = 0
        /// Records that were not well-formed protobuf, skipped.
        var malformed = 0
    }

    var contents = Contents()
    private var columnKeys = KeyTable()
    private var statsKeyTable = KeyTable()
    private var summaryKeys = KeyTable()
    /// Summary position of each `summaryKeys` index (-1: not numeric yet).
    private var summaryPosition: [Int] = []
    private var configIndex: [String: Int] = [:]
    /// The values of the history row being read, put into their columns once the record proved
    /// well-formed (a malformed record is no row); the buffer is reused from row to row.
    private var rowValues: [(column: Int32, value: Double)] = []
    /// The size of the file, and the bytes of records read so far: to reserve the columns' room.
    private var fileBytes = 0
    private var recordBytes = 0
    /// Console text not yet ended by a newline, per stream (stdout 1, stderr 0).
    private var pendingConsole: [UInt64: (text: String, time: Double?)] = [:]

    /// The size of the file being read: once a few hundred rows are read, each column (and the
    /// rows' steps and times) gets room for the rows the whole file should hold at that rate, so
    /// that its values are written once into memory that never moves (growing by doubling copies
    /// them and faults in about twice the pages). Reserving more than is used costs address space
    /// only: untouched pages are never faulted in.
    mutating func expect(fileBytes: Int) {
        self.fileBytes = max(fileBytes, 0)
    }

    /// Rows read when the columns' room is reserved.
    static let reserveAfterRows = 256
    /// At most this many values (8 bytes each) are reserved in all, whatever the file claims to
    /// hold: a file of tiny rows cannot make the reader ask for gigabytes of address space at once.
    static let reserveLimit = 1 << 25

    private mutating func reserveColumns() {
        guard fileBytes > recordBytes, recordBytes > 0 else { return }
        let rows = contents.rowSteps.count
        let dense = contents.columns.indices.filter { contents.columns[$0].isDense }
        let values = dense.reduce(2 * rows) { $0 + contents.columns[$1].values.count }
        // Expected growth, with a margin (file bytes include the framing that records do not), within the limit.
        let scale = min(Double(fileBytes) / Double(recordBytes) * 1.05, Double(Self.reserveLimit) / Double(max(values, 1)))
        func room(_ n: Int) -> Int { Int(Double(n) * scale) + 16 }
        contents.rowSteps.reserveCapacity(room(rows))
        contents.rowTimes.reserveCapacity(room(rows))
        for i in dense {
            contents.columns[i].values.reserveCapacity(room(contents.columns[i].values.count))
        }
    }

    /// One logical record.
    mutating func record(_ b: UnsafeBufferPointer<UInt8>) {
        contents.records += 1
        recordBytes += b.count
        var wire = ProtoWire(b, from: 0, to: b.count)
        while let (field, value) = wire.next() {
            guard case .bytes(let s, let e) = value else { continue }
            let ok: Bool
            switch field {
            case 2: ok = history(b, s, e)
            case 3: ok = summary(b, s, e)
            case 4, 13: ok = output(b, s, e)
            case 5: ok = items(b, s, e, into: &contents.config, index: &configIndex)
            case 7: ok = stats(b, s, e)
            case 11: ok = telemetry(b, s, e)
            case 12: ok = metric(b, s, e)
            case 17: ok = run(b, s, e)
            case 18: ok = exit(b, s, e)
            case 21: ok = header(b, s, e)
            case 23: contents.preemptedRecord = contents.records; ok = true
            case 26: ok = environment(b, s, e)
            default: ok = true
            }
            if !ok { contents.malformed += 1; return }
        }
        if !wire.endedCleanly { contents.malformed += 1 }
    }

    /// Ends console text that never got its final newline.
    mutating func finish() {
        for stream in pendingConsole.keys.sorted() {
            if let pending = pendingConsole[stream], !pending.text.isEmpty {
                contents.console.append(ConsoleLine(text: pending.text, time: pending.time))
            }
        }
        pendingConsole = [:]
    }

    // MARK: History

    private mutating func history(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let row = contents.rowSteps.count
        rowValues.removeAll(keepingCapacity: true)
        var step: Int?
        var time = Double.nan
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            guard case .bytes(let s, let e) = value else { continue }
            if field == 2 {
                var stepWire = ProtoWire(b, from: s, to: e)
                while let (f, v) = stepWire.next() { if f == 1, case .varint(let n) = v, n < 1_000_000_000_000_000_000 { step = Int(n) } }
                continue
            }
            guard field == 1, let item = Self.item(b, s, e), item.hasKey else { continue }
            if item.keyEnd > item.keyStart && b[item.keyStart] == UInt8(ascii: "_") {
                // W&B's own keys: `_step` and `_timestamp` are the row's; `_runtime` and others are
                // not series (their values are not even parsed).
                if item.parts > 1 { continue }
                if Self.equals(b, item.keyStart, item.keyEnd, "_step") {
                    if step == nil, let number = Self.number(b, item.valueStart, item.valueEnd),
                       number.rounded() == number, number >= 0, number < 1e18 { step = Int(number) }
                } else if Self.equals(b, item.keyStart, item.keyEnd, "_timestamp") {
                    if let number = Self.number(b, item.valueStart, item.valueEnd) { time = number }
                }
                continue
            }
            guard let number = Self.number(b, item.valueStart, item.valueEnd) else { continue }
            let index = Self.keyIndex(&columnKeys, b, item)
            if index == contents.columns.count {
                contents.columns.append(Column(key: columnKeys.names[index], firstRow: row))
            }
            rowValues.append((Int32(truncatingIfNeeded: index), number))
        }
        // A malformed record is no row: its values go too.
        guard wire.endedCleanly else { return false }
        for (column, value) in rowValues { contents.columns[Int(column)].append(value, row: row) }
        contents.rowSteps.append(step ?? -1)
        contents.rowTimes.append(time)
        if row + 1 == Self.reserveAfterRows { reserveColumns() }
        return true
    }

    /// An item's key (`key`, else the `nested_key` parts joined with `.`) and its `value_json` bounds:
    /// plain offsets into the record, so that reading an item allocates nothing.
    struct Item {
        /// The key's bytes: `key` when it is not empty, else the first `nested_key` part (-1: no key).
        var keyStart = -1
        var keyEnd = 0
        /// How many `nested_key` parts make the key (0 or 1: the bytes above are the whole key).
        var parts = 0
        /// The item's own bytes, walked again for the parts of a key of several (rare).
        var start = 0
        var end = 0
        var valueStart = 0
        var valueEnd = 0

        var hasKey: Bool { keyStart >= 0 }
    }

    @inline(__always)
    static func item(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Item? {
        // The layout every writer uses: one non-empty `key` (field 1) or `nested_key` (2) of under
        // 128 bytes, then `value_json` (16) of under 128 bytes, and nothing else.
        if end - start >= 5, b[start] == 0x0A || b[start] == 0x12 {
            let keyLength = Int(b[start + 1])
            let keyEnd = start + 2 + keyLength
            if keyLength > 0, keyLength < 0x80, keyEnd + 3 <= end, b[keyEnd] == 0x82, b[keyEnd + 1] == 0x01 {
                let valueLength = Int(b[keyEnd + 2])
                if valueLength < 0x80 && keyEnd + 3 + valueLength == end {
                    return Item(keyStart: start + 2, keyEnd: keyEnd, parts: b[start] == 0x12 ? 1 : 0, start: start, end: end,
                                valueStart: keyEnd + 3, valueEnd: end)
                }
            }
        }
        var item = Item(start: start, end: end)
        var sawKey = false
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            guard case .bytes(let s, let e) = value else { continue }
            switch field {
            case 1 where e > s:
                item.keyStart = s; item.keyEnd = e; item.parts = 0; sawKey = true
            case 2 where !sawKey:
                if item.parts == 0 { item.keyStart = s; item.keyEnd = e }
                item.parts += 1
            case 16:
                item.valueStart = s; item.valueEnd = e
            default: continue
            }
        }
        guard wire.endedCleanly else { return nil }
        return item
    }

    /// The bounds of each `nested_key` part of an item whose key has several.
    static func parts(_ b: UnsafeBufferPointer<UInt8>, _ item: Item) -> [(Int, Int)] {
        var parts: [(Int, Int)] = []
        var wire = ProtoWire(b, from: item.start, to: item.end)
        while let (field, value) = wire.next() {
            if field == 2, case .bytes(let s, let e) = value { parts.append((s, e)) }
        }
        return parts
    }

    /// The item's key's index in `table` (added when new).
    @inline(__always)
    static func keyIndex(_ table: inout KeyTable, _ b: UnsafeBufferPointer<UInt8>, _ item: Item) -> Int {
        item.parts > 1 ? table.index(b, joining: parts(b, item)) : table.index(b, item.keyStart, item.keyEnd)
    }

    /// The item's key as text.
    static func keyText(_ b: UnsafeBufferPointer<UInt8>, _ item: Item) -> String {
        item.parts > 1 ? parts(b, item).map { text(b, $0.0, $0.1) }.joined(separator: ".") : text(b, item.keyStart, item.keyEnd)
    }

    /// The number a `value_json` holds, or nil for any other JSON value.
    @inline(__always)
    static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var s = start, e = end
        while s < e && ByteText.isSpace(b[s]) { s += 1 }
        while e > s && ByteText.isSpace(b[e - 1]) { e -= 1 }
        guard s < e else { return nil }
        let c = b[s]
        if c &- 48 < 10 || (c == UInt8(ascii: "-") && s + 1 < e && b[s + 1] &- 48 < 10) {
            guard let parsed = ByteNumber.parse(b, from: s, end: e), parsed.end == e else { return nil }
            return parsed.value
        }
        guard JSONScanner.startsNumber(c) else { return nil }
        var scanner = JSONScanner(bytes: b, path: "", from: s, to: e)
        guard let parsed = try? scanner.parseNumber(), scanner.pos == e else { return nil }
        return parsed.value
    }

    static func equals(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard end - start == n else { return false }
        let w = word.utf8Start
        for k in 0..<n where b[start + k] != w[k] { return false }
        return true
    }

    static func text(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
    }

    // MARK: Summary, config, metrics

    /// wandb-core writes a summary update after every history row: keys are interned, history keys
    /// skipped and only numbers kept, so this costs little next to the history itself.
    private mutating func summary(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            guard field == 1, case .bytes(let s, let e) = value, let item = Self.item(b, s, e), item.hasKey else { continue }
            let ks = item.keyStart
            // A history key's summary is its last logged value, which its series already shows.
            if item.parts < 2, (item.keyEnd > ks && b[ks] == UInt8(ascii: "_")) || columnKeys.find(b, ks, item.keyEnd) != nil { continue }
            guard let number = Self.number(b, item.valueStart, item.valueEnd) else { continue }
            let index = Self.keyIndex(&summaryKeys, b, item)
            if index == summaryPosition.count { summaryPosition.append(-1) }
            if summaryPosition[index] < 0 {
                summaryPosition[index] = contents.summary.count
                contents.summary.append((summaryKeys.names[index], number))
            } else {
                contents.summary[summaryPosition[index]].value = number
            }
        }
        return wire.endedCleanly
    }

    /// Config updates: the latest JSON text per key, in first-seen order.
    private func items(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                       into list: inout [(key: String, value: String)], index: inout [String: Int]) -> Bool {
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            guard field == 1, case .bytes(let s, let e) = value, let item = Self.item(b, s, e), item.hasKey else { continue }
            let key = Self.keyText(b, item)
            let text = Self.text(b, item.valueStart, item.valueEnd)
            if let i = index[key] { list[i].value = text } else { index[key] = list.count; list.append((key, text)) }
        }
        return wire.endedCleanly
    }

    private mutating func metric(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var name: String?
        var glob: String?
        var stepMetric: String?
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            guard case .bytes(let s, let e) = value, e > s else { continue }
            switch field {
            case 1: name = Self.text(b, s, e)
            case 2: glob = Self.text(b, s, e)
            case 4: stepMetric = Self.text(b, s, e)
            default: continue
            }
        }
        if let stepMetric, let target = glob ?? name {
            contents.stepMetrics.append((target, glob != nil, stepMetric))
        }
        return wire.endedCleanly
    }

    // MARK: System metrics and console

    private mutating func stats(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var time = Double.nan
        var items: [(Int, Double)] = []
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            guard case .bytes(let s, let e) = value else { continue }
            if field == 2 { time = Self.timestamp(b, s, e) ?? .nan; continue }
            guard field == 3, let item = Self.item(b, s, e), item.hasKey,
                  let number = Self.number(b, item.valueStart, item.valueEnd) else { continue }
            let index = Self.keyIndex(&statsKeyTable, b, item)
            if index == contents.statsKeys.count { contents.statsKeys.append(statsKeyTable.names[index]) }
            items.append((index, number))
        }
        guard wire.endedCleanly else { return false }
        if !items.isEmpty && time.isFinite { contents.stats.append(StatsSample(time: time, items: items)) }
        return true
    }

    /// Console output arrives in pieces (wandb-core sends the newline as a record of its own); lines
    /// are rebuilt per stream, and tqdm's carriage-return redraws keep their last state.
    private mutating func output(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var stream: UInt64 = 0
        var time: Double?
        var text = ""
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            switch (field, value) {
            case (1, .varint(let v)): stream = v
            case (2, .bytes(let s, let e)): time = Self.timestamp(b, s, e)
            case (3, .bytes(let s, let e)): text = Self.text(b, s, e)
            default: continue
            }
        }
        guard wire.endedCleanly else { return false }
        var pending = pendingConsole[stream] ?? ("", time)
        if pending.text.isEmpty { pending.time = time }
        for piece in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if piece.offset > 0 {
                contents.console.append(ConsoleLine(text: pending.text, time: pending.time))
                pending = ("", time)
            }
            pending.text += piece.element
            if let cr = pending.text.lastIndex(of: "\r") { pending.text = String(pending.text[pending.text.index(after: cr)...]) }
            if pending.text.utf8.count > 4096 { pending.text = String(pending.text.prefix(4096)) }
        }
        pendingConsole[stream] = pending
        return true
    }

    // MARK: Run facts

    private mutating func run(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            switch (field, value) {
            case (1, .bytes(let s, let e)) where e > s: contents.runID = contents.runID ?? Self.text(b, s, e)
            case (2, .bytes(let s, let e)) where e > s: contents.entity = contents.entity ?? Self.text(b, s, e)
            case (3, .bytes(let s, let e)) where e > s: contents.project = contents.project ?? Self.text(b, s, e)
            case (4, .bytes(let s, let e)):
                guard items(b, s, e, into: &contents.config, index: &configIndex) else { return false }
            case (6, .bytes(let s, let e)) where e > s: contents.group = contents.group ?? Self.text(b, s, e)
            case (7, .bytes(let s, let e)) where e > s: contents.jobType = contents.jobType ?? Self.text(b, s, e)
            case (8, .bytes(let s, let e)) where e > s: contents.displayName = contents.displayName ?? Self.text(b, s, e)
            case (13, .bytes(let s, let e)) where e > s: contents.host = contents.host ?? Self.text(b, s, e)
            case (14, .varint(let v)): contents.startingStep = Int(truncatingIfNeeded: v)
            case (17, .bytes(let s, let e)): contents.startTime = contents.startTime ?? Self.timestamp(b, s, e)
            case (18, .varint(let v)): if v != 0 { contents.resumed = true }
            default: continue
            }
        }
        return wire.endedCleanly
    }

    private mutating func exit(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var code = 0
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            switch (field, value) {
            case (1, .varint(let v)): code = Int(Int32(truncatingIfNeeded: v))
            case (2, .varint(let v)): contents.exitRuntime = Int(Int32(truncatingIfNeeded: v))
            default: continue
            }
        }
        contents.exitCode = code
        contents.exitRecord = contents.records
        return wire.endedCleanly
    }

    private mutating func header(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            guard field == 1, case .bytes(let s, let e) = value else { continue }
            var version = ProtoWire(b, from: s, to: e)
            while let (f, v) = version.next() {
                if f == 1, case .bytes(let ps, let pe) = v { contents.producer = Self.text(b, ps, pe) }
            }
        }
        return wire.endedCleanly
    }

    private mutating func telemetry(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            guard case .bytes(let s, let e) = value, e > s else { continue }
            if field == 6 { contents.huggingfaceVersion = Self.text(b, s, e) }
            if field == 5 { contents.cliVersion = Self.text(b, s, e) }
        }
        return wire.endedCleanly
    }

    private mutating func environment(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var args: [String] = []
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            switch (field, value) {
            case (1, .bytes(let s, let e)) where e > s: contents.os = Self.text(b, s, e)
            case (2, .bytes(let s, let e)) where e > s: contents.python = Self.text(b, s, e)
            case (5, .bytes(let s, let e)): args.append(Self.text(b, s, e))
            case (6, .bytes(let s, let e)) where e > s: contents.program = Self.text(b, s, e)
            case (12, .bytes(let s, let e)) where e > s: contents.host = contents.host ?? Self.text(b, s, e)
            case (25, .bytes(let s, let e)) where e > s: contents.cudaVersion = Self.text(b, s, e)
            case (18, .bytes(let s, let e)) where e > s: contents.gpuType = Self.text(b, s, e)
            case (19, .varint(let v)): contents.gpuCount = Int(truncatingIfNeeded: v)
            case (24, .bytes(let s, let e)):
                var gpu = ProtoWire(b, from: s, to: e)
                while let (f, v) = gpu.next() {
                    if f == 2, case .varint(let total) = v { contents.gpuMemoryTotal = total }
                }
            default: continue
            }
        }
        // wandb-core writes the environment in several records; only one carries the args.
        if contents.args.isEmpty { contents.args = args }
        return wire.endedCleanly
    }

    /// `google.protobuf.Timestamp { seconds = 1; nanos = 2 }` as seconds since the epoch.
    static func timestamp(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var seconds: Int64 = 0
        var nanos: Int32 = 0
        var wire = ProtoWire(b, from: start, to: end)
        while let (field, value) = wire.next() {
            guard case .varint(let v) = value else { continue }
            if field == 1 { seconds = Int64(bitPattern: v) } else if field == 2 { nanos = Int32(truncatingIfNeeded: v) }
        }
        // Positive and before the year 5000: anything else is not a real timestamp (and would not fit an Int).
        guard wire.endedCleanly, seconds > 0, seconds < 100_000_000_000 else { return nil }
        return Double(seconds) + Double(nanos) / 1e9
    }
}

/// Keys seen so far, found again from their bytes without building a `String` per item (a file
/// repeats the same few keys in every row): an open-addressing table over a cheap hash of the
/// key's length and its first and last eight bytes, confirmed by comparing the bytes.
struct KeyTable {
    private(set) var names: [String] = []
    /// Every key's bytes, one after another; key `i` is `storage[offsets[i]..<offsets[i + 1]]`.
    private var storage: [UInt8] = []
    private var offsets: [Int] = [0]
    /// Slot -> key index + 1 (0: empty); the capacity is a power of two, at most half full.
    private var slots = [Int](repeating: 0, count: 64)

    /// The index of the key at `b[start..<end]`, adding it when new.
    @inline(__always)
    mutating func index(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        if let found = find(b, start, end) { return found }
        return add(Array(b[start..<end]))
    }

    /// The index of the key made of the `.`-joined `parts` of `b`, adding it when new.
    mutating func index(_ b: UnsafeBufferPointer<UInt8>, joining parts: [(Int, Int)]) -> Int {
        var key: [UInt8] = []
        for (n, part) in parts.enumerated() {
            if n > 0 { key.append(UInt8(ascii: ".")) }
            key.append(contentsOf: b[part.0..<part.1])
        }
        if let found = key.withUnsafeBufferPointer({ find($0, 0, $0.count) }) { return found }
        return add(key)
    }

    /// The index of the key at `b[start..<end]`, if it is known.
    @inline(__always)
    func find(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(b, start, end) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let candidate = entry - 1
            if same(candidate, b, start, end) { return candidate }
            slot = (slot + 1) & mask
        }
    }

    private mutating func add(_ key: [UInt8]) -> Int {
        let i = names.count
        names.append(String(decoding: key, as: UTF8.self))
        storage.append(contentsOf: key)
        offsets.append(storage.count)
        if names.count * 2 > slots.count {
            slots = [Int](repeating: 0, count: slots.count * 2)
            for n in names.indices { insert(n) }
        } else {
            insert(i)
        }
        return i
    }

    private mutating func insert(_ index: Int) {
        let mask = slots.count - 1
        var slot = storage.withUnsafeBufferPointer { Self.hash($0, offsets[index], offsets[index + 1]) } & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = index + 1
    }

    /// The key's length and its first and last eight bytes (read as two words), mixed.
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let n = end - start
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        guard n > 0, let base = b.baseAddress else { return Int(truncatingIfNeeded: h) }
        let p = UnsafeRawPointer(base + start)
        if n >= 8 {
            h ^= p.loadUnaligned(as: UInt64.self) &* 0xC2B2_AE3D_27D4_EB4F
            h = (h ^ (h >> 31)) &* 0x1656_67B1_9E37_79F9
            h ^= p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) &* 0x27D4_EB2F_1656_67C5
        } else {
            var word: UInt64 = 0
            for k in 0..<n { word |= UInt64(p.load(fromByteOffset: k, as: UInt8.self)) << (8 * UInt64(k)) }
            h ^= word &* 0xC2B2_AE3D_27D4_EB4F
        }
        h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    @inline(__always)
    private func same(_ index: Int, _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let from = offsets[index]
        let n = end - start
        guard offsets[index + 1] - from == n else { return false }
        guard n > 0 else { return true }
        return storage.withUnsafeBufferPointer { k in Self.equalBytes(UnsafeRawPointer(k.baseAddress! + from), UnsafeRawPointer(b.baseAddress! + start), n) }
    }

    /// Whether `n` bytes at `a` and `b` are equal: eight at a time, then the last eight (overlapping),
    /// inline (keys are short: a `memcmp` call costs more than the comparison).
    @inline(__always)
    private static func equalBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        if n < 8 {
            var k = 0
            while k < n {
                if a.load(fromByteOffset: k, as: UInt8.self) != b.load(fromByteOffset: k, as: UInt8.self) { return false }
                k += 1
            }
            return true
        }
        var k = 0
        while k + 8 < n {
            if a.loadUnaligned(fromByteOffset: k, as: UInt64.self) != b.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
            k += 8
        }
        return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }
}
