import RunModel

/// The stdout of trainings that print `step marker + name: value` lines, one `TextLogPreset` per
/// producer (each its own format id). Every number on a metrics line becomes a series (names
/// mapped through `MetricCatalog`, evaluation lines as `eval_*`); a timestamp at the start of a line
/// gives the wall time; the step going back (a relaunch from a checkpoint, a second `model.fit`) is a
/// restart, and repeated "starting training" banners are reported; out-of-memory and error lines
/// become log events, as in `hf-text-log`.
///
/// Sniffing is conservative: it needs at least two lines of the preset's exact shape in the first
/// 16 KiB (for Keras, an `Epoch N/M` line and a progress line with `- loss:`), so prose, configs and
/// other logs are not taken for runs; `--input-format <id>` reads a file with a preset regardless.
public struct TextLogFormat: RunFormat {
    let preset: TextLogPreset

    public var id: String { preset.rawValue }
    public var summary: String { preset.summary }

    init(_ preset: TextLogPreset) {
        self.preset = preset
    }

    /// Every preset, in registry order.
    public static let all: [TextLogFormat] = TextLogPreset.allCases.map(TextLogFormat.init)

    public func sniff(fileName: String, prefix: [UInt8]) -> Sniff {
        if prefix.contains(0) { return .no("binary (NUL bytes)") }
        var epoch: (current: Int, total: Int)?
        var matches = 0
        var sawEpoch = false
        for raw in ByteText.lines(prefix) {
            let line = Substring(ByteText.text(raw)).split(separator: "\r", omittingEmptySubsequences: false).last ?? ""
            let before = epoch?.current
            if preset.entry(line, epoch: &epoch) != nil { matches += 1 }
            if epoch?.current != before { sawEpoch = true }
            if matches >= 2 || (preset == .keras && sawEpoch && matches >= 1) {
                return .strong("\(matches == 1 ? "a line" : "lines") in the \(preset.rawValue) shape")
            }
        }
        return .no("no two lines in the \(preset.rawValue) shape in the first \(prefix.count) bytes")
    }

    public func parse(_ input: RunInput) throws -> Run {
        guard let path = input.files.first else { throw IngestError(path: input.location, message: "no file to read") }
        let bytes = try FileBytes.read(path)
        var builder = RunBuilder(name: input.name, format: id, sourcePath: path)
        builder.provenance.sources = [SourceFile(path: path, format: id, note: input.note)]
        var columns: [String: (steps: [Int], walls: [Double], values: [Double])] = [:]
        var order: [String] = []
        var epoch: (current: Int, total: Int)?
        var lastStep: Int?
        var pendingKeras: (step: Int, wall: Double, pairs: [(String, Double)])?
        var banners: [Int] = []
        var dropped = 0
        var lines = 0

        func add(step: Int, wall: Double, pairs: [(String, Double)], kind: TextLogPreset.Kind) {
            for (name, value) in pairs {
                let key = preset.key(name, kind: kind)
                guard !preset.skips(name) else { continue }
                if columns[key] == nil { order.append(key); columns[key] = ([], [], []) }
                columns[key]?.steps.append(step)
                columns[key]?.walls.append(wall)
                columns[key]?.values.append(value)
            }
        }

        for (n, raw) in ByteText.lines(bytes).enumerated() {
            lines = n + 1
            // tqdm and Keras redraw with carriage returns or backspaces: the last state counts.
            let text = ByteText.text(raw)
            let line = Substring(text).split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\r" || $0 == "\u{8}" }).last ?? ""
            let wall = TextLogLine.timestamp(line) ?? .nan
            if TextLogPreset.banners.contains(where: { line.contains($0) }) { banners.append(n + 1) }
            if let kind = HFTextLogScanner.eventKind(String(TextLogPreset.afterTimestamp(line))) {
                if builder.metadata.logEvents.count < HFTextLogScanner.maxEvents {
                    builder.metadata.logEvents.append(LogEvent(kind: kind, path: path, line: n + 1,
                        text: String(TextLogPreset.afterTimestamp(line).prefix(300))))
                } else {
                    dropped += 1
                }
            }
            let epochBefore = epoch?.current
            guard let entry = preset.entry(line, epoch: &epoch) else {
                if preset == .keras, epoch?.current != epochBefore, let p = pendingKeras {
                    add(step: p.step, wall: p.wall, pairs: p.pairs, kind: .train)
                    pendingKeras = nil
                }
                continue
            }
            if preset == .keras, let step = entry.step {
                pendingKeras = (step, wall, entry.pairs)
                continue
            }
            guard let step = entry.step ?? lastStep else { continue }
            lastStep = step
            add(step: step, wall: wall, pairs: entry.pairs, kind: entry.kind)
        }
        if let p = pendingKeras { add(step: p.step, wall: p.wall, pairs: p.pairs, kind: .train) }
        if let total = epoch?.total { builder.metadata.numTrainEpochs = Double(total) }

        var owners: [String: String] = [:]
        for key in order {
            guard let c = columns.removeValue(forKey: key), !c.steps.isEmpty else { continue }
            var canonical = MetricCatalog.canonical(key)
            // Two printed names for one canonical name (fairseq's `wall` and `train_wall`): the later keeps its own.
            if let owner = owners[canonical.name], owner != key { canonical = (key, .other) }
            owners[canonical.name] = key
            let walls = c.walls.contains { !$0.isNaN } ? c.walls : nil
            builder.add(name: canonical.name, key: key, role: canonical.role, steps: c.steps, wallTimes: walls, values: c.values)
        }
        if order.isEmpty { builder.issue(.warning, "no \(id) metrics lines in \(lines) lines: no series") }
        if banners.count > 1 {
            builder.issue(.warning, "\(banners.count) training starts in the log (lines \(banners.prefix(8).map(String.init).joined(separator: ", "))): it was relaunched")
        }
        if dropped > 0 {
            builder.issue(.warning, "\(dropped) more error/out-of-memory lines not kept (the first \(HFTextLogScanner.maxEvents) are)")
        }
        return builder.build()
    }
}
