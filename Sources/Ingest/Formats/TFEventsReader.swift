/// Reads the scalars of one TensorBoard event file without a protobuf library: TFRecord framing
/// (`u64 length, u32 masked CRC-32C of the length, data, u32 masked CRC-32C of the data`), then
/// `Event { wall_time = 1; step = 2; summary = 5 }`, `Summary { repeated Value value = 1 }`,
/// `Value { tag = 1; simple_value = 2; tensor = 8; metadata = 9 }` and a scalar `TensorProto`
/// (`float_val = 5`, `double_val = 6`, or 4/8 bytes of `tensor_content = 4`).
///
/// Like TensorBoard's own reader, a record whose data CRC is wrong is skipped and a short tail is a
/// file still being written. Unlike it, a wrong length CRC (or a length past the end) in the middle
/// does not end the file: the reader resynchronises on the next position where a whole record checks
/// out (length CRC, length within the file and data CRC: a false match is about 2^-64), so one
/// corrupt header does not drop every good record after it.
struct TFEventsReader {
    struct Column {
        var tag: String
        var steps: [Int] = []
        var wallTimes: [Double] = []
        var values: [Double] = []
    }

    struct Result {
        /// Scalar tags in first-seen order.
        var columns: [Column] = []
        var records = 0
        var badDataCRC = 0
        var firstBadDataCRCOffset: Int?
        var badLengthCRCOffset: Int?
        var truncatedOffset: Int?
        /// Corrupt stretches skipped by resynchronising: how many, and the first one's byte range.
        var resynced = 0
        var firstResynced: Range<Int>?
        /// Events that were not well-formed protobuf, skipped.
        var malformed = 0
        /// Text summaries (`add_text`), by tag in first-seen order, the last value written for each:
        /// HF's `TensorBoardCallback` writes the TrainingArguments JSON as `args/text_summary`.
        var texts: [(tag: String, text: String)] = []
    }

    private var result = Result()
    private var columnIndex: [String: Int] = [:]

    static func read(_ b: UnsafeBufferPointer<UInt8>) -> Result {
        var reader = TFEventsReader()
        reader.records(b)
        return reader.result
    }

    private mutating func records(_ b: UnsafeBufferPointer<UInt8>) {
        var pos = 0
        let n = b.count
        while pos < n {
            guard n - pos >= 12 else { result.truncatedOffset = pos; return }
            let length = ProtoWire.littleEndian64(b, pos)
            let lengthOK = CRC32C.masked(b, from: pos, to: pos + 8) == ProtoWire.littleEndian32(b, pos + 8)
            guard lengthOK, length <= UInt64(n - pos - 12), Int(length) + 4 <= n - pos - 12 else {
                if let next = Self.nextWholeRecord(b, after: pos) {
                    result.resynced += 1
                    if result.firstResynced == nil { result.firstResynced = pos..<next }
                    pos = next
                    continue
                }
                if lengthOK { result.truncatedOffset = pos } else { result.badLengthCRCOffset = pos }
                return
            }
            let dataStart = pos + 12
            let dataEnd = dataStart + Int(length)
            result.records += 1
            if CRC32C.masked(b, from: dataStart, to: dataEnd) == ProtoWire.littleEndian32(b, dataEnd) {
                if !event(b, dataStart, dataEnd) { result.malformed += 1 }
            } else {
                result.badDataCRC += 1
                if result.firstBadDataCRCOffset == nil { result.firstBadDataCRCOffset = pos }
            }
            pos = dataEnd + 4
        }
    }

    /// The first position after `pos` where a whole record checks out, or nil. Cheap on garbage: most
    /// positions fail the length-within-file test before any CRC is computed.
    static func nextWholeRecord(_ b: UnsafeBufferPointer<UInt8>, after pos: Int) -> Int? {
        let n = b.count
        var p = pos + 1
        while p + 16 <= n {
            let length = ProtoWire.littleEndian64(b, p)
            if length <= UInt64(n - p - 16), CRC32C.masked(b, from: p, to: p + 8) == ProtoWire.littleEndian32(b, p + 8) {
                let dataEnd = p + 12 + Int(length)
                if CRC32C.masked(b, from: p + 12, to: dataEnd) == ProtoWire.littleEndian32(b, dataEnd) { return p }
            }
            p += 1
        }
        return nil
    }

    /// One Event; false when it is not well-formed.
    private mutating func event(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var wire = ProtoWire(b, from: start, to: end)
        var wallTime = Double.nan
        var step = 0
        var summary: (Int, Int)?
        while let (field, value) = wire.next() {
            switch (field, value) {
            case (1, .fixed64(let bits)): wallTime = Double(bitPattern: bits)
            case (2, .varint(let v)): step = Int(truncatingIfNeeded: v)
            case (5, .bytes(let s, let e)): summary = (s, e)
            default: continue
            }
        }
        guard wire.endedCleanly else { return false }
        guard let summary else { return true }
        var values = ProtoWire(b, from: summary.0, to: summary.1)
        while let (field, value) = values.next() {
            guard field == 1, case .bytes(let s, let e) = value else { continue }
            guard let scalar = Self.scalar(b, s, e) else {
                if let text = Self.text(b, s, e) {
                    if let i = result.texts.firstIndex(where: { $0.tag == text.tag }) { result.texts[i].text = text.text } else { result.texts.append(text) }
                }
                continue
            }
            append(tag: scalar.tag, step: step, wallTime: wallTime, value: scalar.value)
        }
        return values.endedCleanly
    }

    private mutating func append(tag: String, step: Int, wallTime: Double, value: Double) {
        let i: Int
        if let known = columnIndex[tag] {
            i = known
        } else {
            i = result.columns.count
            columnIndex[tag] = i
            result.columns.append(Column(tag: tag))
        }
        result.columns[i].steps.append(step)
        result.columns[i].wallTimes.append(wallTime)
        result.columns[i].values.append(value)
    }

    /// A `Summary.Value` holding one number, with its tag; nil for images, histograms, text...
    static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (tag: String, value: Double)? {
        var wire = ProtoWire(b, from: start, to: end)
        var tag: String?
        var value: Double?
        var plugin: String?
        while let (field, v) = wire.next() {
            switch (field, v) {
            case (1, .bytes(let s, let e)):
                tag = String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
            case (2, .fixed32(let bits)):
                value = Double(Float(bitPattern: bits))
            case (8, .bytes(let s, let e)):
                value = tensorScalar(b, s, e)
            case (9, .bytes(let s, let e)):
                plugin = pluginName(b, s, e)
            default: continue
            }
        }
        guard let tag, let value, plugin == nil || plugin == "scalars" else { return nil }
        return (tag, value)
    }

    /// A `Summary.Value` of the text plugin (`add_text`): its tag and the first `string_val` of its
    /// string tensor; nil for anything else.
    static func text(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (tag: String, text: String)? {
        var wire = ProtoWire(b, from: start, to: end)
        var tag: String?
        var text: String?
        var plugin: String?
        while let (field, v) = wire.next() {
            switch (field, v) {
            case (1, .bytes(let s, let e)):
                tag = String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
            case (8, .bytes(let s, let e)):
                var tensor = ProtoWire(b, from: s, to: e)
                while let (f, tv) = tensor.next() {
                    if f == 8, case .bytes(let ts, let te) = tv, text == nil {
                        text = String(decoding: UnsafeBufferPointer(rebasing: b[ts..<te]), as: UTF8.self)
                    }
                }
            case (9, .bytes(let s, let e)):
                plugin = pluginName(b, s, e)
            default: continue
            }
        }
        guard let tag, let text, plugin == "text" else { return nil }
        return (tag, text)
    }

    /// `SummaryMetadata.plugin_data.plugin_name`.
    private static func pluginName(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String? {
        var metadata = ProtoWire(b, from: start, to: end)
        while let (field, v) = metadata.next() {
            guard field == 1, case .bytes(let s, let e) = v else { continue }
            var data = ProtoWire(b, from: s, to: e)
            while let (f, pv) = data.next() {
                if f == 1, case .bytes(let ps, let pe) = pv {
                    return String(decoding: UnsafeBufferPointer(rebasing: b[ps..<pe]), as: UTF8.self)
                }
            }
        }
        return nil
    }

    /// The value of a tensor holding exactly one float or double.
    static func tensorScalar(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var wire = ProtoWire(b, from: start, to: end)
        var dtype: UInt64 = 0
        var values: [Double] = []
        var content: (Int, Int)?
        while let (field, v) = wire.next() {
            switch (field, v) {
            case (1, .varint(let d)): dtype = d
            case (4, .bytes(let s, let e)): content = (s, e)
            case (5, .fixed32(let bits)): values.append(Double(Float(bitPattern: bits)))
            case (5, .bytes(var s, let e)):
                while e - s >= 4 { values.append(Double(Float(bitPattern: ProtoWire.littleEndian32(b, s)))); s += 4 }
            case (6, .fixed64(let bits)): values.append(Double(bitPattern: bits))
            case (6, .bytes(var s, let e)):
                while e - s >= 8 { values.append(Double(bitPattern: ProtoWire.littleEndian64(b, s))); s += 8 }
            default: continue
            }
        }
        if values.count == 1 { return values[0] }
        guard values.isEmpty, let (s, e) = content else { return nil }
        if dtype == 1 && e - s == 4 { return Double(Float(bitPattern: ProtoWire.littleEndian32(b, s))) }
        if dtype == 2 && e - s == 8 { return Double(bitPattern: ProtoWire.littleEndian64(b, s)) }
        return nil
    }
}
