import Charts
import Foundation
import FoundationXML
import TestSupport
import Testing
@testable import Audit
import Reports

/// End-to-end audits of archives built in the test: nested folders, an HF output dir with
/// checkpoints, a folder of TensorBoard exports, JSONL logs, a broken run, a non-run file and a
/// symlink loop.
@Suite struct ArchiveAuditTests {
    static func trainerState(steps: [Int], evalLoss: [Double]? = nil, maxSteps: Int) -> String {
        var entries = steps.enumerated().map { i, s in
            "{\"epoch\": \(Double(s) / Double(maxSteps)), \"learning_rate\": 1e-4, \"loss\": \(3.0 - Double(i) * 0.05), \"step\": \(s)}"
        }
        if let evalLoss {
            for (i, v) in evalLoss.enumerated() { entries.append("{\"eval_loss\": \(v), \"step\": \(steps[(i + 1) * steps.count / evalLoss.count - 1])}") }
        }
        return "{\"global_step\": \(steps.last ?? 0), \"max_steps\": \(maxSteps), \"log_history\": [\(entries.joined(separator: ", "))]}"
    }

    /// Builds the archive and returns its root.
    static func makeArchive() throws -> URL {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)")
        func write(_ text: String, _ path: String) throws {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let steps = Array(stride(from: 10, through: 300, by: 10))
        try write(trainerState(steps: Array(steps.prefix(10)), maxSteps: 300), "team-a/bert-run/checkpoint-100/trainer_state.json")
        try write(trainerState(steps: Array(steps.prefix(20)), maxSteps: 300), "team-a/bert-run/checkpoint-200/trainer_state.json")
        try write(trainerState(steps: steps, evalLoss: [2.0, 1.5, 1.4, 1.6, 1.9, 2.3], maxSteps: 300), "team-a/overfit-run/trainer_state.json")
        var jsonl = ""
        for s in steps { jsonl += "{\"step\": \(s), \"loss\": \(3.0 - Double(s) / 200), \"val_loss\": \(3.1 - Double(s) / 200)}\n" }
        try write(jsonl, "team-b/2026/logs/metrics.jsonl")
        try write("{\"step\": 1, \"loss\": 2.0}\n{\"step\": 2, \"loss\" 1.9}\n{\"step\": 3, \"loss\": 1.8}\n", "team-b/broken/train_log.jsonl")
        var csv = "Wall time,Step,Value\r\n"
        for s in steps { csv += "1700000000.5,\(s),\(3.0 - Double(s) / 150)\r\n" }
        try write(csv, "team-c/tb/run-exp1-tag-train_loss.csv")
        try write("just some notes, not a run\n", "team-c/NOTES.txt")
        try fm.createSymbolicLink(at: root.appendingPathComponent("team-c/loop"), withDestinationURL: root.appendingPathComponent("team-c"))
        return root
    }

    static func options(_ root: URL, out: URL, jobs: Int = 2, force: Bool = false, formats: String = "json,html") throws -> ArchiveAudit.Options {
        guard case .success(let f) = ReportFormat.parseList(formats) else { throw CocoaError(.featureUnsupported) }
        return ArchiveAudit.Options(roots: [root.path], output: out.path,
                                    report: ReportOptions(formats: f, templates: try ReportTemplates.builtIn()), jobs: jobs, force: force)
    }

    static func quiet(_ n: Int) -> ProgressReporter { ProgressReporter(style: .quiet, total: n) }

    @Test func indexListsExactlyTheRunsOfTheArchive() throws {
        let root = try Self.makeArchive()
        let out = root.appendingPathComponent("../\(root.lastPathComponent)-out").standardizedFileURL
        let result = try ArchiveAudit.run(Self.options(root, out: out), progress: Self.quiet)
        #expect(result.index.rows.map(\.path) == [
            "team-a/bert-run", "team-a/overfit-run", "team-b/2026/logs/metrics.jsonl", "team-b/broken/train_log.jsonl", "team-c/tb",
        ])
        let byPath = Dictionary(uniqueKeysWithValues: result.index.rows.map { ($0.path, $0) })
        #expect(byPath["team-a/bert-run"]?.steps == 200)
        #expect(byPath["team-a/bert-run"]?.findingIds.contains("run-truncated") == true)
        #expect(byPath["team-a/overfit-run"]?.findingIds.contains("overfitting") == true)
        #expect(byPath["team-a/overfit-run"]?.bestEvalLoss == 1.4)
        #expect(byPath["team-b/broken/train_log.jsonl"]?.verdict == "error")
        #expect(byPath["team-b/broken/train_log.jsonl"]?.error?.contains("train_log.jsonl:2") == true)
        #expect(result.skipped.contains { $0.path.hasSuffix("NOTES.txt") })
        #expect(result.skipped.contains { $0.message.contains("already visited") })
        for name in ["index.html", "index.csv", "index.json", "index.pdf"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path))
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("team-a__overfit-run/report.json").path))
    }

    @Test func aRerunRedoesOnlyTheRunWhoseFilesChanged() throws {
        let root = try Self.makeArchive()
        let out = root.appendingPathComponent("../\(root.lastPathComponent)-out").standardizedFileURL
        let first = try ArchiveAudit.run(Self.options(root, out: out), progress: Self.quiet)
        #expect(first.redone == 5)
        let log = root.appendingPathComponent("team-b/2026/logs/metrics.jsonl")
        try (String(contentsOf: log, encoding: .utf8) + "{\"step\": 310, \"loss\": 1.4}\n").write(to: log, atomically: true, encoding: .utf8)
        let second = try ArchiveAudit.run(Self.options(root, out: out), progress: Self.quiet)
        #expect(second.redone == 1)
        #expect(second.index.rows.first { $0.path.hasSuffix("metrics.jsonl") }?.steps == 310)
        #expect(try ArchiveAudit.run(Self.options(root, out: out, force: true), progress: Self.quiet).redone == 5)
        var byTime = try Self.options(root, out: out)
        byTime.report.charts = ChartOptions(xAxis: .wallTime)
        #expect(try ArchiveAudit.run(byTime, progress: Self.quiet).redone == 5, "reports charted by step are not reused for --x time")
    }

    @Test func runsSharingAFolderAreEachReportedAndReusedOnARerun() throws {
        let root = try TemporaryDirectory.make("shared-folder")
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("runs/exports"), withIntermediateDirectories: true)
        try Data("Wall time,Step,Value\n1.0,1,2.0\n2.0,2,1.5\n".utf8).write(to: root.appendingPathComponent("runs/exports/run-a-tag-loss.csv"))
        try Data("Wall time,Step,Value\n1.0,1,3.0\n2.0,2,2.9\n3.0,3,2.8\n".utf8).write(to: root.appendingPathComponent("runs/exports/run-b-tag-loss.csv"))
        let options = ArchiveAudit.Options(roots: [root.appendingPathComponent("runs").path], output: out.path,
                                           report: try Self.options(root, out: out).report, jobs: 2, force: false)
        let first = try ArchiveAudit.run(options, progress: Self.quiet)
        #expect(first.index.rows.map(\.name).sorted() == ["exports/a", "exports/b"])
        #expect(first.index.rows.map(\.steps).sorted { ($0 ?? 0) < ($1 ?? 0) } == [2, 3])
        #expect(try ArchiveAudit.run(options, progress: Self.quiet).redone == 0)
    }

    @Test func parallelAndSerialAuditsWriteIdenticalFiles() throws {
        let root = try Self.makeArchive()
        let a = root.appendingPathComponent("../\(root.lastPathComponent)-a").standardizedFileURL
        let b = root.appendingPathComponent("../\(root.lastPathComponent)-b").standardizedFileURL
        _ = try ArchiveAudit.run(Self.options(root, out: a, jobs: 4, formats: "json,html,pdf"), progress: Self.quiet)
        _ = try ArchiveAudit.run(Self.options(root, out: b, jobs: 1, formats: "json,html,pdf"), progress: Self.quiet)
        for name in ["index.html", "index.csv", "index.json", "index.pdf", "team-a__overfit-run/report.json",
                     "team-a__overfit-run/report.pdf", "team-c__tb/report.html", "team-c__tb/report.pdf"] {
            let x = try Data(contentsOf: a.appendingPathComponent(name)), y = try Data(contentsOf: b.appendingPathComponent(name))
            #expect(x == y, "\(name) differs")
        }
    }

    @Test func failOnMapsFindingsToExitStatus() throws {
        let root = try Self.makeArchive()
        let out = root.appendingPathComponent("../\(root.lastPathComponent)-out").standardizedFileURL
        let result = try ArchiveAudit.run(Self.options(root, out: out), progress: Self.quiet)
        #expect(result.exitCode(failOn: nil) == 0)
        #expect(result.exitCode(failOn: .warning) == 1)
        #expect(result.exitCode(failOn: .error) == 1, "the unreadable run counts as an error")
    }

    /// `audit a/run --output a` used to be accepted; the manifest it left in `a` then hid all of `a`.
    @Test func anOutputFolderThatIsOrHoldsAnArchiveIsRefusedButOneInsideItIsFine() throws {
        let root = try Self.makeArchive()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("team-a/overfit-run")
        for out in [root, root.appendingPathComponent("team-a"), run] {
            let options = try Self.options(run, out: out)
            #expect(throws: ReportError.outputHoldsInput(output: out.path, input: run.path)) { try ArchiveAudit.run(options, progress: Self.quiet) }
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".trainreport-audit.json").path))
        // Beside the runs, inside the archive: allowed, and the archive's runs are all still found later.
        let inside = root.appendingPathComponent("reports")
        let first = try ArchiveAudit.run(Self.options(root, out: inside), progress: Self.quiet)
        let again = try ArchiveAudit.run(Self.options(root, out: inside), progress: Self.quiet)
        #expect(again.index.rows.count == first.index.rows.count)
        #expect(again.redone == 0)
    }

    @Test func nothingToAuditIsExitStatusTwo() throws {
        let empty = try TemporaryDirectory.make("empty")
        let result = try ArchiveAudit.run(Self.options(empty, out: empty.appendingPathComponent("out")), progress: Self.quiet)
        #expect(result.index.rows.isEmpty)
        #expect(result.exitCode(failOn: nil) == 2)
    }

    @Test func indexHTMLIsWellFormedSelfContainedAndEscaped() throws {
        let index = AuditIndex(rows: [
            AuditRow(name: "<script>alert(1)</script>", path: "a&b/<x>", date: "2026-01-02T03:04:05Z", format: "jsonl",
                     steps: 10, verdict: "attention", warnings: 1, findingIds: ["no-eval"], reportDir: "x"),
            AuditRow(name: "broken", path: "b", date: "", format: "", verdict: "error", error: "b:2: expected ':'"),
        ])
        let html = try IndexHTMLRenderer(templates: ReportTemplates.builtIn()).render(index, problems: [.init(path: "/secret", message: "permission denied")])
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        #expect(!html.contains("src=\"https:"))
        let document = try XMLDocument(xmlString: html, options: [])
        #expect(document.rootElement() != nil)
    }

    @Test func displayPathsAreRelativeToTheirRoot() {
        #expect(ArchiveAudit.displayPath(of: "/a/b/run1", roots: ["/a/b"]) == "run1")
        #expect(ArchiveAudit.displayPath(of: "/a/b", roots: ["/a/b/"]) == "b")
        #expect(ArchiveAudit.displayPath(of: "/elsewhere/run", roots: ["/a"]) == "/elsewhere/run")
    }
}
