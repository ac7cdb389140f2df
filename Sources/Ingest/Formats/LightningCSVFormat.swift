import RunModel

/// PyTorch Lightning's `CSVLogger` file (`<save_dir>/<name>/version_<n>/metrics.csv`): a header that
/// is the union of all logged keys (with `step`, usually `epoch`), and sparse rows where training
/// and validation rows leave each other's cells empty.
public struct LightningCSVFormat: RunFormat {
    public let id = "lightning-csv"
    public let summary = "PyTorch Lightning CSVLogger metrics.csv (sparse columns, step column)"

    public init() {}

    public func sniff(fileName: String, prefix: [UInt8]) -> Sniff {
        guard let first = ByteText.lines(prefix).first else { return .no("empty") }
        let header = Self.cells(ByteText.text(first))
        guard header.count >= 2, header.contains("step") else { return .no("no 'step' column in a comma-separated header") }
        if TensorBoardCSVFormat.isHeader(ByteText.text(first)) { return .no("a TensorBoard export header") }
        if fileName == "metrics.csv" || fileName.hasSuffix("_metrics.csv") { return .strong("metrics.csv with a 'step' column") }
        return .weak("comma-separated header with a 'step' column")
    }

    /// A `version_N` folder holding `metrics.csv` is a run folder: its event files (a TensorBoardLogger
    /// beside the CSVLogger) and `hparams.yaml` belong to the same run.
    public func claim(_ directory: DirectoryListing, prefix: (String) -> [UInt8]) -> DirectoryClaim {
        guard LightningRunFolder.isVersionFolder(directory.path), directory.files.contains("metrics.csv"),
              sniff(fileName: "metrics.csv", prefix: prefix("metrics.csv")).strength == .strong else { return DirectoryClaim() }
        let input = RunInput(name: RunNaming.name(ofFile: directory.child("metrics.csv")), format: id, files: [directory.child("metrics.csv")],
                             location: directory.path, isRunFolder: true)
        return DirectoryClaim(runs: [input], files: ["metrics.csv"])
    }

    static func cells(_ line: String) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { cell in
            let trimmed = cell.trimmingPrefix("\u{FEFF}").drop { $0 == " " || $0 == "\"" }
            return String(trimmed.reversed().drop { $0 == " " || $0 == "\"" || $0 == "\r" }.reversed())
        }
    }

    public func parse(_ input: RunInput) throws -> Run {
        guard let path = input.files.first else { throw IngestError(path: input.location, message: "no file to read") }
        var builder = RunBuilder(name: input.name, format: id, sourcePath: path)
        builder.provenance.sources = [SourceFile(path: path, format: id, note: input.note)]
        let bytes = try FileBytes.read(path)
        var lines = ByteText.lines(bytes)
        let endsWithNewline = bytes.last == 0x0A
        guard let headerLine = lines.first else { throw IngestError(path: path, line: 1, byteOffset: 0, message: "expected a header line, found an empty file") }
        let header = Self.cells(ByteText.text(headerLine))
        guard let stepColumn = header.firstIndex(of: "step") else {
            throw IngestError(path: path, line: 1, byteOffset: 0, message: "expected a 'step' column in the header")
        }
        lines.removeFirst()
        var columns = Array(repeating: (steps: [Int](), values: [Double]()), count: header.count)
        var withoutStep = 0
        for (index, line) in lines.enumerated() {
            let lineNumber = index + 2
            let text = ByteText.text(line)
            if text.allSatisfy(\.isWhitespace) { continue }
            let row = Self.cells(text)
            let isLast = index == lines.count - 1
            guard row.count == header.count else {
                if isLast && !endsWithNewline {
                    builder.issue(.repair, line: lineNumber, "last line is incomplete (\(row.count) of \(header.count) cells); skipped")
                    break
                }
                throw IngestError(path: path, line: lineNumber, message: "expected \(header.count) comma-separated cells, found \(row.count)")
            }
            // `inf` and huge values are "rounded" too, but do not fit an Int step (found by fuzzing).
            guard let stepValue = Double(row[stepColumn]), stepValue == stepValue.rounded(), abs(stepValue) < 1e18 else {
                withoutStep += 1
                continue
            }
            let step = Int(stepValue)
            for (c, cell) in row.enumerated() where c != stepColumn && !cell.isEmpty {
                guard let v = Double(cell) ?? JSONLFormat.nonFiniteString(cell) else {
                    throw IngestError(path: path, line: lineNumber, message: "expected a number in column '\(header[c])', found '\(cell.prefix(40))'")
                }
                // Validation rows repeat the epoch of the training row at the same step: keep one.
                if columns[c].steps.last == step && columns[c].values.last == v { continue }
                columns[c].steps.append(step)
                columns[c].values.append(v)
            }
        }
        if withoutStep > 0 { builder.issue(.repair, "\(withoutStep) row\(withoutStep == 1 ? " has" : "s have") no integer step; skipped") }
        for (c, key) in header.enumerated() where c != stepColumn && !columns[c].steps.isEmpty {
            let canonical = MetricCatalog.canonical(key)
            builder.add(name: canonical.name, key: key, role: canonical.role, steps: columns[c].steps, values: columns[c].values)
        }
        return builder.build()
    }
}
