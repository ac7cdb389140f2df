import RunModel

/// Builds one run from TensorBoard UI exports (CSV or JSON, one file per tag): each file becomes a
/// series under its tag's canonical name, HF's end-of-training summary tags become metadata, and a
/// series of exactly 1,000 points is flagged as a possible sample.
enum TensorBoardExportRun {
    /// One tag file's points as read, and the line of a cut-off last row that was skipped.
    struct Points {
        var steps: [Int] = []
        var wallTimes: [Double] = []
        var values: [Double] = []
        var truncatedLine: Int?
    }

    static func build(_ input: RunInput, format: String, read: (String) throws -> Points) throws -> Run {
        guard let firstPath = input.files.first else { throw IngestError(path: input.location, message: "no file to read") }
        var builder = RunBuilder(name: input.name, format: format, sourcePath: firstPath)
        var summary: [(String, Double)] = []
        for path in input.files {
            builder.provenance.sources.append(SourceFile(path: path, format: format, note: input.note))
            let tag = TensorBoardExportName(fileName: RunNaming.lastComponent(path)).tag
            let points = try read(path)
            if let line = points.truncatedLine {
                builder.provenance.issues.append(IngestIssue(kind: .repair, path: path, line: line,
                                                             message: "last line is incomplete (the export was cut off); skipped"))
            }
            if let key = HFSummaryTags.summaryKey(of: tag), let last = points.values.last {
                summary.append((key, last))
                continue
            }
            let canonical = MetricCatalog.canonical(tag)
            TensorBoardSample.warnIfSampled(count: points.steps.count, tag: tag, path: path, into: &builder)
            builder.add(name: canonical.name, key: tag, role: canonical.role, steps: points.steps,
                        wallTimes: points.wallTimes, values: points.values)
        }
        if !summary.isEmpty { HFTrainerStateFormat.fillMetadata(&builder.metadata, topLevel: [], summary: summary) }
        return builder.build()
    }
}
