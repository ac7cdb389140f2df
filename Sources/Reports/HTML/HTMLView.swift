import Diagnostics
import Foundation
import RunModel

/// What the HTML templates see: plain strings (escaped by Mustache's `{{ }}`), cleaned of control
/// characters so the page stays well-formed XML, and charts as base64 SVG data URIs.
struct HTMLView {
    struct Fact { let label: String; let value: String }
    struct Health { let metric, measures, healthyRange, observed, status, statusLabel: String }
    struct Figure {
        let src: String
        let smallSrc: String?
        let title, description: String
        let width, height: Int
        /// Unique in the page (`chart-3`); the explorable chart's elements are found through it.
        let id: String
        /// `ExplorableChart` JSON (escaped for a script element), nil for a static-only chart.
        let data: String?
        let hasData: Bool

        init(src: String, smallSrc: String?, title: String, description: String, width: Int, height: Int, id: String,
             data: String? = nil) {
            self.src = src
            self.smallSrc = smallSrc
            self.title = title
            self.description = description
            self.width = width
            self.height = height
            self.id = id
            self.data = data
            hasData = data != nil
        }
    }
    struct EvidenceItem { let name, value: String }
    struct FindingView {
        let id, anchor, severity, severityLabel, title, message: String
        let stepsText: String?
        let metric: String?
        let evidence: [EvidenceItem]
        let hasEvidence: Bool
        let excerpt: Figure?
        /// "Marked on the loss chart above." when the finding has no excerpt of its own.
        let chartReference: String?
        let why: String?
        let fixes: [String]
        let hasFixes: Bool
    }
    struct Row { let cells: [String] }
    struct Source { let path, format, note: String }
    struct IngestNote { let kind, location, message: String }

    let runName, verdict, verdictLabel, verdictReason, toolVersion: String
    /// Link back to the audit index, when the report was written by `audit`.
    let indexLink: String?
    let keyFacts: [Fact]
    let hasKeyFacts: Bool
    let health: [Health]
    let hasHealth: Bool
    let charts: [Figure]
    let findings: [FindingView]
    let findingCount: Int
    let trainingColumns: [String]
    let trainingRows: [Row]
    let hasTrainingResults: Bool
    let hyperparameters: [Fact]
    let hasHyperparameters: Bool
    let sources: [Source]
    let ingestNotes: [IngestNote]
    let hasIngestNotes: Bool
    let unchartedSeries: [String]
    let hasUncharted: Bool
    /// `Templates/explore.js`, when some chart on the page is explorable (else nil: no script at all).
    let exploreScript: String?

    static let chartSize = (width: 720, height: 360)
    static let excerptSize = (width: 720, height: 220)
    /// Charts laid out again for phone screens, so their text stays legible when the page is narrow.
    static let phoneSize = (width: 360, height: 280)

    init(_ document: ReportDocument, indexLink: String? = nil) throws {
        let clean = { (text: String) in DisplayText.clean(text) }
        let run = document.run
        self.indexLink = indexLink
        runName = clean(run.name)
        verdict = document.verdict.rawValue
        verdictLabel = document.verdict.label
        verdictReason = clean(document.verdictReason)
        toolVersion = clean(document.toolVersion)
        keyFacts = document.keyFacts.map { Fact(label: clean($0.label), value: clean($0.value)) }
        hasKeyFacts = !keyFacts.isEmpty
        health = document.health.map {
            Health(metric: clean($0.metric), measures: clean($0.measures), healthyRange: clean($0.healthyRange),
                   observed: clean($0.observed), status: $0.status.slug, statusLabel: $0.status.rawValue)
        }
        hasHealth = !health.isEmpty
        charts = try document.charts.enumerated().map { i, chart in
            try HTMLView.figure(chart, size: HTMLView.chartSize, id: "chart-\(i + 1)", explorable: true, run: run)
        }
        exploreScript = HTMLView.exploreScript(for: charts)
        var anchors: [String: Int] = [:]
        findings = try document.findings.enumerated().map { index, finding in
            let count = anchors[finding.id, default: 0] + 1
            anchors[finding.id] = count
            return try HTMLView.findingView(finding, anchor: count == 1 ? finding.id : "\(finding.id)-\(count)",
                                        excerpt: document.findingExcerpts[index],
                                        chartAbove: document.chartMarking(findingAt: index)?.title)
        }
        findingCount = findings.count
        trainingColumns = document.trainingResults.columns.map(clean)
        trainingRows = document.trainingResults.rows.map { Row(cells: $0.map(clean)) }
        hasTrainingResults = !document.trainingResults.isEmpty
        hyperparameters = document.hyperparameters.map { Fact(label: clean($0.label), value: clean($0.value)) }
        hasHyperparameters = !hyperparameters.isEmpty
        sources = run.provenance.sources.map { Source(path: clean($0.path), format: clean($0.format), note: clean($0.note ?? "")) }
        var notes = run.provenance.issues.map { issue in
            IngestNote(kind: issue.kind.rawValue, location: clean(issue.line.map { "\(issue.path):\($0)" } ?? issue.path),
                       message: clean(issue.message))
        }
        notes += run.metadata.logEvents.map {
            IngestNote(kind: $0.kind.rawValue, location: clean("\($0.path):\($0.line)"), message: clean($0.text))
        }
        ingestNotes = notes
        hasIngestNotes = !notes.isEmpty
        unchartedSeries = document.unchartedSeries.map(clean)
        hasUncharted = !unchartedSeries.isEmpty
    }

    /// The chart script, when a figure needs it.
    static func exploreScript(for figures: [Figure]) -> String? {
        figures.contains(where: \.hasData) ? EmbeddedTemplates.scripts["explore"] : nil
    }

    /// - Parameters:
    ///   - id: unique in the page.
    ///   - explorable: embed the chart's data for the explorable chart (not for finding excerpts).
    ///   - run: gives the hover its epoch and wall-time tables (nil in a comparison).
    static func figure(_ chart: ReportChart, size: (width: Int, height: Int), id: String, explorable: Bool = false,
                       run: Run? = nil) throws -> Figure {
        let height = chart.artwork.height(forWidth: Double(size.width), preferred: Double(size.height))
        let svg = try chart.artwork.svg(width: Double(size.width), height: height)
        let small = try chart.artwork.svg(width: Double(phoneSize.width),
                                          height: chart.artwork.height(forWidth: Double(phoneSize.width),
                                                                       preferred: Double(phoneSize.height)))
        return Figure(src: dataURI(svg), smallSrc: dataURI(small),
                      title: DisplayText.clean(chart.title), description: DisplayText.clean(chart.description),
                      width: size.width, height: Int(height), id: id,
                      data: explorable ? chart.artwork.explorable.flatMap { ExplorableChart.json($0, run: run) } : nil)
    }

    static func dataURI(_ svg: [UInt8]) -> String {
        "data:image/svg+xml;base64," + Data(svg).base64EncodedString()
    }

    static func findingView(_ f: Finding, anchor: String, excerpt: ReportChart?, chartAbove: String? = nil) throws -> FindingView {
        let clean = { (text: String) in DisplayText.clean(text) }
        let evidence = f.evidence.map { EvidenceItem(name: clean($0.name), value: clean(EvidenceText.format($0.value))) }
        return FindingView(
            id: clean(f.id), anchor: clean(anchor), severity: f.severity.rawValue, severityLabel: f.severity.rawValue,
            title: clean(f.title), message: clean(f.message),
            stepsText: f.steps.map(StepRangeText.format), metric: f.metric.map(clean),
            evidence: evidence, hasEvidence: !evidence.isEmpty,
            excerpt: try excerpt.map { try figure($0, size: excerptSize, id: "excerpt-\(anchor)") },
            chartReference: chartAbove.map { "Marked on the \(clean($0).lowercased()) chart above." },
            why: f.why.isEmpty ? nil : clean(f.why), fixes: f.fixes.map(clean), hasFixes: !f.fixes.isEmpty)
    }
}
