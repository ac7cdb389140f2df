import CairoBackend
import Diagnostics
import RunModel
import Foundation
import TestSupport
import Testing
@testable import Reports

struct ReportPipelineTests {
    /// A small HF trainer_state.json: loss falling, eval loss bottoming out at step 400 then rising.
    static func trainerState(steps: Int = 1000, overfit: Bool = true) -> String {
        var entries: [String] = []
        for step in stride(from: 10, through: steps, by: 10) {
            let loss = 2.0 * exp(-Double(step) / 400) + 0.1
            entries.append("{\"epoch\": \(Double(step) / 200), \"grad_norm\": 0.8, \"learning_rate\": \(5e-5 * (1 - Double(step) / Double(steps + 10))), \"loss\": \(loss), \"step\": \(step)}")
            if step % 100 == 0 {
                let eval = overfit ? 0.9 + pow(Double(step - 400) / 600, 2) : 0.9 + 1.0 / Double(step)
                entries.append("{\"epoch\": \(Double(step) / 200), \"eval_loss\": \(eval), \"eval_runtime\": 1.5, \"step\": \(step)}")
            }
        }
        return """
            {"best_metric": null, "epoch": \(Double(steps) / 200), "global_step": \(steps), "max_steps": \(steps), "num_train_epochs": 5,
             "logging_steps": 10, "eval_steps": 100, "save_steps": 100, "train_batch_size": 8,
             "log_history": [\(entries.joined(separator: ",\n"))]}
            """
    }

    private func makeRun(named name: String, in root: URL, overfit: Bool = true) throws -> URL {
        let folder = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("trainer_state.json")
        try Self.trainerState(overfit: overfit).write(to: file, atomically: true, encoding: .utf8)
        return folder
    }

    private func options(_ formats: Set<ReportFormat> = Set(ReportFormat.allCases)) throws -> ReportOptions {
        try ReportOptions(formats: formats, templates: .builtIn(), createDate: "2024-05-01T00:00:00Z")
    }

    @Test func everyRunGetsItsOwnFolderWithAllFiles() throws {
        let root = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: root) }
        let a = try makeRun(named: "run-a", in: root.appendingPathComponent("in"))
        let b = try makeRun(named: "run-b", in: root.appendingPathComponent("in"), overfit: false)
        let out = root.appendingPathComponent("out").path
        let batch = ReportPipeline.report(paths: [a.path, b.path], output: out, options: try options())
        #expect(batch.failures.isEmpty)
        #expect(batch.outcomes.map(\.runName) == ["run-a", "run-b"])
        for run in ["run-a", "run-b"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: out + "/" + run).sorted()
            #expect(files == ["charts", "report.html", "report.json", "report.md", "report.pdf"])
        }
        #expect(batch.outcomes[0].findings.contains { $0.id == "overfitting" })
    }

    @Test func exitCodesFollowFailOnAndBadInputs() throws {
        let root = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: root) }
        let a = try makeRun(named: "run-a", in: root)
        let out = root.appendingPathComponent("out").path
        let clean = ReportPipeline.report(paths: [a.path], output: out, options: try options([.json]))
        #expect(clean.exitCode(failOn: nil) == 0)
        #expect(clean.exitCode(failOn: .warning) == 1)
        let worst = try #require(clean.outcomes.first?.worstSeverity)
        #expect(clean.exitCode(failOn: .error) == (worst >= .error ? 1 : 0))
        let missing = ReportPipeline.report(paths: [root.appendingPathComponent("nope").path, a.path], output: out,
                                            options: try options([.json]))
        #expect(missing.exitCode(failOn: nil) == 2)
        #expect(missing.outcomes.count == 1)
    }

    @Test func anOutputFolderThatIsAnInputFileIsRefused() throws {
        let root = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: root) }
        let a = try makeRun(named: "run-a", in: root)
        let input = a.appendingPathComponent("trainer_state.json").path
        let before = try String(contentsOfFile: input, encoding: .utf8)
        let batch = ReportPipeline.report(paths: [input], output: input, options: try options([.json]))
        #expect(batch.exitCode(failOn: nil) == 2)
        #expect(batch.outcomes.isEmpty)
        #expect(try String(contentsOfFile: input, encoding: .utf8) == before)
    }

    @Test func hostileRunNamesStayTextAndBecomeSafeFolders() throws {
        let root = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: root) }
        let name = "<script>alert(1)"
        let run = try makeRun(named: name, in: root)
        let out = root.appendingPathComponent("out").path
        let batch = ReportPipeline.report(paths: [run.path], output: out, options: try options([.html, .md, .json]))
        let folder = try #require(batch.outcomes.first?.folder)
        #expect((folder as NSString).lastPathComponent == "script_alert(1)")
        let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
        // The only script elements are the page's own: the chart data (names escaped inside) and the chart script.
        let scripts = html.components(separatedBy: "<script").dropFirst()
        #expect(!scripts.isEmpty)
        for script in scripts {
            #expect(script.hasPrefix(" type=\"application/json\" class=\"explore-data\">") || script.hasPrefix(">//<![CDATA["))
        }
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)"))
        let md = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        #expect(!md.contains("<script"))
    }

    @Test func reportingTwiceGivesIdenticalBytes() throws {
        let root = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try makeRun(named: "run-a", in: root)
        let out1 = root.appendingPathComponent("o1").path, out2 = root.appendingPathComponent("o2").path
        _ = ReportPipeline.report(paths: [run.path], output: out1, options: try options())
        _ = ReportPipeline.report(paths: [run.path], output: out2, options: try options())
        for file in ["report.pdf", "report.html", "report.md", "report.json", "charts/loss.png"] {
            let a = FileManager.default.contents(atPath: "\(out1)/run-a/\(file)")
            #expect(a != nil)
            #expect(a == FileManager.default.contents(atPath: "\(out2)/run-a/\(file)"), "\(file) differs")
        }
    }

    /// A run restarted hundreds of times has a `resumed` finding per restart; drawing an excerpt (the
    /// whole run again) for each made report time and memory grow with restarts x points.
    @Test func excerptChartsAreCappedSoManyFindingsStayLinear() throws {
        var b = RunBuilder(name: "r", format: "jsonl", sourcePath: "log")
        var step = 0
        for _ in 0..<60 {
            for _ in 0..<10 {
                step += 1
                b.add(key: "loss", step: step, value: 2 - Double(step) * 1e-4)
            }
            step -= 5
        }
        let run = b.build()
        #expect(run.provenance.restarts.count == 59)
        let document = ReportPipeline.document(for: run, options: ReportOptions(formats: [.json], templates: try ReportTemplates.builtIn()),
                                               measurer: try CairoTextMeasurer())
        #expect(document.findings.filter { $0.id == "resumed" }.count == 59)
        #expect(document.findingExcerpts.count <= ReportPipeline.maxExcerpts)
        #expect(document.findingExcerpts.count >= ReportPipeline.maxExcerpts - 5)
    }
}
