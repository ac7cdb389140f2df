import RunModel

/// The one ordered list of input formats. Detection asks every format to sniff a file; the strongest
/// answer wins and list order breaks ties. A format can also be forced by id.
public struct FormatRegistry: Sendable {
    /// How many leading bytes of a file `sniff` sees.
    public static let sniffLength = 16 * 1024

    /// Every format trainreport reads, in tie-breaking order.
    public static let standard = FormatRegistry([
        HFTrainerStateFormat(),
        TFEventsFormat(),
        TensorBoardCSVFormat(),
        TensorBoardJSONFormat(),
        HFTextLogFormat(),
        JSONLFormat(),
        LightningCSVFormat(),
        MLflowFormat(),
        WandbFormat(),
    ] + TextLogFormat.all)

    public let formats: [any RunFormat]

    public init(_ formats: [any RunFormat]) {
        self.formats = formats
    }

    public var ids: [String] { formats.map(\.id) }

    public func format(id: String) -> (any RunFormat)? {
        formats.first { $0.id == id }
    }

    /// A format by id, or an error that lists the known ids.
    public func require(id: String, path: String) throws -> any RunFormat {
        guard let format = format(id: id) else {
            throw IngestError(path: path, message: "unknown format '\(id)'; known formats: \(ids.joined(separator: ", "))")
        }
        return format
    }

    /// What every format says about a file, in registry order.
    public func sniffAll(fileName: String, prefix: [UInt8]) -> [(format: any RunFormat, sniff: Sniff)] {
        formats.map { ($0, $0.sniff(fileName: fileName, prefix: prefix)) }
    }

    /// The best format for a file, or nil; `verdicts` explains every format's answer.
    public func detect(fileName: String, prefix: [UInt8]) -> (format: (any RunFormat)?, verdicts: String) {
        if let encoding = ByteText.utf16Encoding(prefix) {
            return (nil, "\(encoding) text (it starts with a byte order mark); trainreport reads UTF-8: convert it, e.g. iconv -f UTF-16 -t UTF-8")
        }
        // A UTF-8 byte order mark (Windows tools write one) is no part of the content: every format
        // sniffs what follows it, and every reader skips it.
        let prefix = ByteText.hasUTF8BOM(prefix) ? Array(prefix.dropFirst(3)) : prefix
        if TrainreportOutput.isOwnJSON(prefix: prefix) {
            return (nil, "a trainreport output (report, compare or index JSON), not a training log")
        }
        let all = sniffAll(fileName: fileName, prefix: prefix)
        var best: (format: any RunFormat, sniff: Sniff)?
        for candidate in all where candidate.sniff.strength > .no {
            if best.map({ candidate.sniff.strength > $0.sniff.strength }) ?? true { best = candidate }
        }
        let verdicts = all.map { "\($0.format.id): \($0.sniff.reason)" }.joined(separator: "; ")
        return (best?.format, verdicts)
    }

    /// The format of a file, reading its first bytes; throws with every format's verdict when none matches.
    public func detect(path: String) throws -> any RunFormat {
        let prefix = try FileBytes.read(path, limit: Self.sniffLength)
        let found = detect(fileName: RunNaming.lastComponent(path), prefix: prefix)
        guard let format = found.format else {
            throw IngestError(path: path, message: "not a run file trainreport can read (\(found.verdicts))")
        }
        return format
    }
}
