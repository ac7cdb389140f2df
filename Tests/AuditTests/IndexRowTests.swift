import Diagnostics
import Foundation
import FoundationXML
import RunModel
import TestSupport
import Testing
@testable import Audit
@testable import Reports

/// What a team lead reads first: each index row says what is wrong, when the run started by its own
/// logs, and which findings (infos too) it has; the page filters by finding id and format.
@Suite struct IndexRowTests {
    static func finding(_ id: String, _ severity: Severity, _ title: String) -> Finding {
        Finding(id: id, severity: severity, title: title, message: title + ".")
    }

    static func run(wallTimes: [Double] = []) -> Run {
        var builder = RunBuilder(name: "run", format: "jsonl", sourcePath: "run.jsonl")
        for (i, t) in (wallTimes.isEmpty ? [Double.nan, .nan] : wallTimes).enumerated() {
            builder.add(key: "loss", step: i + 1, wallTime: t.isNaN ? nil : t, value: 2.0)
        }
        return builder.build()
    }

    static func row(findings: [Finding], wallTimes: [Double] = []) -> AuditRow {
        let outcome = ReportOutcome(runName: "run", folder: "out/run", files: [], verdict: .attention, verdictReason: "",
                                    findings: findings.sorted(by: Diagnostician.order))
        return AuditRow(run: run(wallTimes: wallTimes), outcome: outcome, displayPath: "run.jsonl", date: "2026-03-01T12:00:00Z")
    }

    @Test func theSummaryNamesTheTopFindingsAndCountsTheRest() {
        #expect(AuditRow.summary(titles: []) == "")
        #expect(AuditRow.summary(titles: ["Eval loss worsened 26% after its best at step 75"]) == "Eval loss worsened 26% after its best at step 75")
        #expect(AuditRow.summary(titles: ["Eval loss worsened", "No evaluation metric was logged"])
            == "Eval loss worsened; also: no evaluation metric was logged")
        #expect(AuditRow.summary(titles: ["A thing", "GPU utilisation median 40%", "c", "d"])
            == "A thing; also: GPU utilisation median 40%, and 2 more", "an acronym keeps its capitals")
    }

    @Test func rowsKeepInfoIdsApartFromWarningsAndErrors() {
        let row = Self.row(findings: [
            Self.finding("resumed", .info, "Restarted at step 500"),
            Self.finding("no-eval", .warning, "No evaluation metric was logged"),
            Self.finding("loss-nonfinite", .error, "Training loss became NaN at step 90"),
        ])
        #expect(row.findingIds == ["loss-nonfinite", "no-eval"], "finding_ids keeps its documented meaning")
        #expect(row.infoIds == ["resumed"])
        #expect(row.summary == "Training loss became NaN at step 90; also: no evaluation metric was logged")
        let badges = IndexHTMLRenderer.badges(row).map { "\($0.severity):\($0.id)" }
        #expect(badges == ["error:loss-nonfinite", "warning:no-eval", "info:resumed"])
    }

    @Test func startedIsTheFirstClockTimeInTheLogs() {
        #expect(Self.row(findings: [], wallTimes: [1_700_000_100, 1_700_000_000.9]).started == "2023-11-14T22:13:20Z")
        #expect(Self.row(findings: []).started == nil, "no wall times")
        #expect(Self.row(findings: [], wallTimes: [12.5, 30]).started == nil, "seconds since the start are not a date")
    }

    @Test func csvAndJSONAddTheNewColumnsAtTheEnd() {
        var row = Self.row(findings: [Self.finding("resumed", .info, "Restarted")], wallTimes: [1_700_000_000])
        row.summary = "Loss spiked, twice"
        let index = AuditIndex(rows: [row])
        let lines = index.csv().split(separator: "\n")
        #expect(lines[0].hasSuffix(",finding_ids,report,error,started,summary,info_ids"))
        #expect(lines[1].hasSuffix(",2023-11-14T22:13:20Z,\"Loss spiked, twice\",resumed"))
        #expect(index.json().contains("\"started\": \"2023-11-14T22:13:20Z\""))
        #expect(index.json().contains("\"info_ids\": [\n        \"resumed\"\n      ]"))
    }

    @Test func thePageFiltersByFindingIdAndFormat() throws {
        let rows = [
            Self.row(findings: [Self.finding("no-eval", .warning, "No evaluation metric was logged")]),
            AuditRow(name: "b", path: "b", date: "", format: "tfevents", verdict: "healthy", infoIds: ["resumed"]),
        ]
        let html = try IndexHTMLRenderer(templates: .builtIn()).render(AuditIndex(rows: rows), problems: [])
        let root = try #require(try XMLDocument(xmlString: html, options: []).rootElement())
        let findingOptions = try root.nodes(forXPath: "//*[@id='finding-filter']/*[local-name()='option']").map { $0.stringValue ?? "" }
        #expect(findingOptions == ["any", "no-eval (1)", "resumed (1)"])
        let formatOptions = try root.nodes(forXPath: "//*[@id='format-filter']/*[local-name()='option']").map { $0.stringValue ?? "" }
        #expect(formatOptions == ["any", "jsonl (1)", "tfevents (1)"])
        let ids = try root.nodes(forXPath: "//*[local-name()='tbody']/*[local-name()='tr']/@data-ids").map { $0.stringValue ?? "" }
        #expect(ids == ["resumed", "no-eval"])
        #expect(html.contains("No evaluation metric was logged"), "the row says what is wrong")
    }

    @Test func thePDFIndexSpellsOutItsColumnsAndBreaksNamesWhereAReaderWould() throws {
        let row = AuditRow(name: "ByErenOzer__Whisper_Finetune__trainer_state", path: "hf/ByErenOzer__Whisper_Finetune__trainer_state.json",
                           date: "", format: "hf-trainer-state", verdict: "attention", warnings: 2, findingIds: ["overfitting", "run-truncated"],
                           started: "2024-05-01T08:00:00Z", summary: "Eval loss worsened 83% after its best at step 250")
        let pdf = try IndexPDFRenderer(pageSize: .a4, createDate: nil).render(AuditIndex(rows: [row]), problems: [])
        guard let text = try PopplerTool.run("pdftotext", ["-layout"], pdf: pdf) else { return }
        #expect(!text.contains("E/W/I"))
        #expect(text.contains("Findings"))
        #expect(text.contains("2 warnings"))
        #expect(text.contains("2024-05-01"))
        #expect(text.contains("Eval loss worsened 83%"))
        #expect(!text.contains("Whisp-") && text.contains("Whisper_"), "the name breaks after an underscore, unhyphenated:\n\(text)")
        #expect(IndexPDFRenderer.breakable("a_b/c.d") == "<span insert_hyphens=\"false\">a_\u{200B}b/\u{200B}c.\u{200B}d</span>")
        #expect(IndexPDFRenderer.breakable("BigRun") == "<span insert_hyphens=\"false\">Big\u{200B}Run</span>")
    }
}

extension IndexRowTests {
    @Test func aFindingRaisedSeveralTimesIsOneBadgeWithItsCount() {
        let row = Self.row(findings: (0..<3).map { _ in Self.finding("resumed", .info, "Restarted") })
        #expect(row.infoIds == ["resumed", "resumed", "resumed"], "one id per finding, as finding_ids")
        #expect(IndexHTMLRenderer.badges(row).map(\.label) == ["resumed ×3"])
    }
}

extension IndexRowTests {
    @Test func reportsWrittenByAnAuditLinkBackToTheIndex() throws {
        let root = try ArchiveAuditTests.makeArchive()
        let out = root.appendingPathComponent("../\(root.lastPathComponent)-out").standardizedFileURL
        let result = try ArchiveAudit.run(ArchiveAuditTests.options(root, out: out), progress: ArchiveAuditTests.quiet)
        let html = try String(contentsOf: out.appendingPathComponent("team-a__overfit-run/report.html"), encoding: .utf8)
        #expect(html.contains("<a href=\"../index.html\">"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("team-a__overfit-run/../index.html").path))
        let tb = try #require(result.index.rows.first { $0.path == "team-c/tb" })
        #expect(tb.started == "2023-11-14T22:13:20Z", "the exports' wall times")
        let lone = try HTMLReportRenderer(templates: .builtIn()).render(ReportDocument(run: Self.run(), verdict: .healthy,
                                                                                        verdictReason: "", health: [], findings: []))
        #expect(!lone.contains("index.html"), "a report written by `report` has no index to link to")
    }
}

/// The index page looks fields up by name without reflection (`MustacheParent`): every field of a
/// row and of a badge must be reachable that way, or a template would silently render it empty.
@Suite struct IndexLookupTests {
    /// The value inside an optional (nil for none); any other value as it is.
    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }

    @Test func everyFieldOfARowAndABadgeIsFoundByItsName() throws {
        let audited = AuditRow(name: "run", path: "team/run", date: "2026-01-02T03:04:05Z", format: "jsonl", steps: 10,
                               finalTrainLoss: 1.5, bestEvalLoss: 1.2, bestEvalStep: 8, verdict: "attention", warnings: 2,
                               infos: 1, findingIds: ["no-eval", "no-eval"], reportDir: "team__run", started: "2026-01-02T03:00:00Z",
                               infoIds: ["resumed"])
        let row = IndexHTMLRenderer.row(audited, reportFile: "report.html")
        #expect(row.summary == nil, "an optional field that is nil is nil by name too")
        let badge = try #require(row.badges.first)
        for (label, value, found) in Mirror(reflecting: row).children.map({ ($0.label, $0.value, row.child(named: $0.label ?? "")) })
            + Mirror(reflecting: badge).children.map({ ($0.label, $0.value, badge.child(named: $0.label ?? "")) }) {
            #expect(found.map { "\($0)" } == Self.unwrapped(value).map { "\($0)" }, "\(label ?? "?")")
            #expect(found != nil || Self.unwrapped(value) == nil, "\(label ?? "?")")
        }
        #expect(row.child(named: "noSuchField") == nil)
    }
}
