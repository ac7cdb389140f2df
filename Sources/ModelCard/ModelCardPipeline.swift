import CairoBackend
import Diagnostics
import Foundation
import Ingest
import Reports
import RunModel

/// What `card` lets a user choose.
public struct CardOptions: Sendable {
    /// Page size, diagnostics configuration, chart x axis and PDF date (its formats are ignored:
    /// the card gets the PDF and the chart PNGs).
    public var report: ReportOptions
    /// Heading to place a new section after (see `MarkedSection.place`).
    public var after: String?
    /// Leave out fix lists, file paths and host names.
    public var isPublic: Bool
    /// Merge the best evaluation's metrics into the front matter's `model-index`.
    public var modelIndex: Bool
    /// Task and dataset ids for `model-index` when the card does not say them.
    public var task: String?
    public var dataset: String?

    public init(report: ReportOptions, after: String? = nil, isPublic: Bool = false, modelIndex: Bool = false,
                task: String? = nil, dataset: String? = nil) {
        self.report = report
        self.after = after
        self.isPublic = isPublic
        self.modelIndex = modelIndex
        self.task = task
        self.dataset = dataset
    }
}

/// What updating a card did.
public struct CardOutcome: Sendable {
    public var runName: String
    public var cardPath: String
    public var placement: MarkedSection.Placement
    /// False when the card already held exactly this section (and model-index).
    public var cardChanged: Bool
    /// The PDF and chart PNGs written into the repository's `training_report/`.
    public var files: [String]
    /// The evaluation written into `model-index`, when asked for.
    public var modelIndex: (step: Int, metrics: [ModelIndexUpdate.Metric])?
    public var verdict: Verdict
    public var findings: [Finding]

    public var worstSeverity: Severity? { findings.map(\.severity).max() }
}

/// The input a card cannot be made from (a run that cannot be read, a folder of several runs).
public struct CardInputError: Error, CustomStringConvertible {
    public var description: String
}

/// The `card` command's work: report on one run and put the report into a Hugging Face model card.
///
/// Order matters for "never half a card": the new card text is computed first (this is where a
/// malformed card or a missing heading fails, before anything is written), then the PDF and charts
/// are written into `training_report/`, then the card is replaced atomically.
public enum ModelCardPipeline {
    /// The folder, next to the card, that holds the PDF and chart PNGs the section links to.
    public static let assetsFolder = "training_report"

    /// - Parameters:
    ///   - card: the card file, or the model repository folder holding `README.md`.
    ///   - format: forces an input format instead of detecting it.
    public static func update(run runPath: String, card: String, format: String? = nil, options: CardOptions) throws -> CardOutcome {
        let cardPath = cardFile(card)
        let summary = InspectSummary.collect([runPath], format: format)
        if let failure = summary.errors.first { throw CardInputError(description: failure.located) }
        guard summary.runs.count == 1, let run = summary.runs.first else {
            throw CardInputError(description: "\(runPath): holds \(summary.runs.count) runs; card takes one run (give its folder or file)")
        }
        let original = try readCard(cardPath)
        let repo = (cardPath as NSString).deletingLastPathComponent
        let repoName = (AtomicFile.resolved(repo.isEmpty ? "." : repo) as NSString).lastPathComponent

        let redaction = options.isPublic ? PublicRedaction(run: run, inputPath: runPath, name: repoName) : nil
        let measurer = try CairoTextMeasurer()
        var document = ReportPipeline.document(for: redaction?.run(run) ?? run, options: options.report, measurer: measurer)
        if let redaction { document = redaction.document(document) }
        let assets = (repo as NSString).appendingPathComponent(assetsFolder)
        let section = MarkdownReportRenderer.render(document, chartPath: { "\(assetsFolder)/\(ReportWriter.pngPath($0))" },
                                                    pdfPath: "\(assetsFolder)/\(ReportFormat.pdf.fileName)",
                                                    audience: options.isPublic ? .public : .full)

        var text = original
        var evaluation: (step: Int, metrics: [ModelIndexUpdate.Metric])?
        if options.modelIndex {
            guard let best = ModelIndexUpdate.Metric.bestEvaluation(of: run) else {
                throw ModelCardError.modelIndex(path: cardPath, message: "the run logged no finite evaluation metric, so there is nothing to record")
            }
            evaluation = best
            text = try ModelIndexUpdate(metrics: best.metrics, task: options.task, dataset: options.dataset, modelName: repoName)
                .apply(to: text, path: cardPath)
        }
        let lines = CardLines(text)
        if let frontMatter = try FrontMatter.locate(in: lines, path: cardPath) { _ = try frontMatter.parse(in: lines, path: cardPath) }
        let placed = try MarkedSection.place(section, in: text, after: options.after, path: cardPath)

        let inputs = Set(run.provenance.sources.map { AtomicFile.resolved($0.path) })
        let writer = ReportWriter(formats: [.pdf, .md], pageSize: options.report.pageSize, templates: options.report.templates,
                                  createDate: options.report.createDate)
        let files = try writer.write(document, to: assets, protecting: inputs, omitting: [ReportFormat.md.fileName])
        removeStaleCharts(in: (assets as NSString).appendingPathComponent("charts"), keeping: Set(files))
        let changed = placed.card != original
        if changed { try AtomicFile.write(placed.card, to: cardPath, protecting: inputs) }
        return CardOutcome(runName: run.name, cardPath: cardPath, placement: placed.placement, cardChanged: changed, files: files,
                           modelIndex: evaluation, verdict: document.verdict, findings: document.findings)
    }

    /// `DIR/README.md` for a folder, else the path as given.
    static func cardFile(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        return exists && isDirectory.boolValue ? (path as NSString).appendingPathComponent("README.md") : path
    }

    /// The card's text; an empty card when the file does not exist yet but its folder does.
    static func readCard(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            let folder = (path as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CardInputError(description: "\(path): no such model card, and its folder does not exist")
            }
            return ""
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CardInputError(description: "\(path): cannot be read")
        }
        // Not String(data:encoding:), which drops a byte-order mark: every byte is kept.
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else { throw ModelCardError.notText(path: path) }
        return text
    }

    /// Chart PNGs of an earlier update that this report no longer draws, so the folder holds only
    /// what the section links to.
    static func removeStaleCharts(in folder: String, keeping written: Set<String>) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasSuffix(".png") {
            let path = (folder as NSString).appendingPathComponent(name)
            if !written.contains(path) { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}
