import Foundation
import TestSupport
import Testing

/// The promises the README makes to scripts: command names, flags, `--json` keys and exit statuses,
/// checked by running the built `trainreport` binary on SampleRuns.
@Suite struct CommandLineContractTests {
    /// The binary next to this test bundle (SwiftPM builds it because this target depends on it).
    static var binary: URL {
        let products = Bundle.main.bundleURL.lastPathComponent.hasSuffix(".xctest")
            ? Bundle.main.bundleURL.deletingLastPathComponent() : Bundle.main.bundleURL
        return products.appendingPathComponent("trainreport")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL = RepositoryPaths.root) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
    }

    @Test func inspectJSONKeepsItsKeys() throws {
        let result = try Self.run(["inspect", "--json", "SampleRuns/hf-nan-loss"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        for key in ["name", "format", "sources", "segments", "warnings", "series"] { #expect(run[key] != nil, "\(key)") }
        let loss = try #require((run["series"] as? [[String: Any]])?.first { $0["name"] as? String == "train/loss" })
        for key in ["name", "key", "count", "first_step", "last_step", "first", "last", "min", "min_step", "max", "nonfinite"] {
            #expect(loss[key] != nil, "\(key)")
        }
        #expect(loss["last"] as? String == "NaN")
        #expect(json["errors"] is [Any])
    }

    @Test func compareNamesAnUnreadableInputOnceInItsMessage() throws {
        let output = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try Self.run(["compare", "SampleRuns/hf-no-eval", "no/such/run", "--output", output])
        #expect(result.status == 2)
        #expect(result.stderr.components(separatedBy: "no/such/run").count == 2, "\(result.stderr)")
        #expect(result.stderr.contains("\(output): compare needs at least two readable runs"), "\(result.stderr)")
    }

    @Test func inspectOfAnUnreadableInputExitsTwoAndStillReportsTheOthers() throws {
        let result = try Self.run(["inspect", "SampleRuns/hf-no-eval", "no/such/run"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("hf-no-eval"))
        #expect(result.stderr.contains("no/such/run"))
    }

    @Test func reportFailOnMapsFindingsToExitStatus() throws {
        let out = Self.scratch()
        #expect(try Self.run(["report", "SampleRuns/hf-healthy-gpt2", "-o", out, "--format", "json", "--fail-on", "warning"]).status == 0)
        #expect(try Self.run(["report", "SampleRuns/hf-overfit-gpt2", "-o", out, "--format", "json", "--fail-on", "warning"]).status == 1)
        #expect(try Self.run(["report", "SampleRuns/hf-overfit-gpt2", "-o", out, "--format", "json", "--fail-on", "error"]).status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/hf-overfit-gpt2/report.json")))
        let report = try #require(json as? [String: Any])
        for key in ["schema_version", "run", "verdict", "findings", "metrics"] { #expect(report[key] != nil, "\(key)") }
    }

    @Test func reportChartsByWallTimeOnRequest() throws {
        let out = Self.scratch()
        #expect(try Self.run(["report", "SampleRuns/tbcsv-healthy", "-o", out, "--format", "html", "--x", "time"]).status == 0)
        let html = try String(contentsOfFile: out + "/tbcsv-healthy/report.html", encoding: .utf8)
        #expect(html.contains("wall time"), "the charts' descriptions say what the x axis is")
        #expect(try Self.run(["report", "SampleRuns/tbcsv-healthy", "-o", out, "--x", "furlongs"]).status == 2)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try Self.run(["report", "SampleRuns/hf-healthy-gpt2", "-o", Self.scratch(), "--format", "docx"]).status == 2)
        #expect(try Self.run(["no-such-command"]).status == 2)
        #expect(try Self.run(["inspect", "SampleRuns/hf-no-eval", "--format", "jsonl", "--input-format", "hf-trainer-state"]).status == 2,
                "the alias and the option disagree")
    }

    /// `--input-format` names the input format in every command; `inspect --format` (its first name)
    /// still works, with a one-line note.
    @Test func inspectTakesInputFormatAndKeepsFormatAsAnAlias() throws {
        let current = try Self.run(["inspect", "--json", "SampleRuns/hf-no-eval", "--input-format", "hf-trainer-state"])
        #expect(current.status == 0)
        #expect(current.stderr.isEmpty, "\(current.stderr)")
        let alias = try Self.run(["inspect", "--json", "SampleRuns/hf-no-eval", "--format", "hf-trainer-state"])
        #expect(alias.status == 0)
        #expect(alias.stdout == current.stdout)
        #expect(alias.stderr.split(separator: "\n").count == 1)
        #expect(alias.stderr.contains("alias of --input-format"), "\(alias.stderr)")
        let forced = try Self.run(["inspect", "SampleRuns/hf-no-eval", "--input-format", "jsonl"])
        #expect(forced.status == 2, "a forced format is used, not detection")
        for command in ["inspect", "report", "compare"] {
            #expect(try Self.run([command, "--help"]).stdout.contains("--input-format"), "\(command)")
        }
    }

    @Test func reportWithoutOutputWritesIntoTrainreportOutAndSaysSo() throws {
        let directory = URL(fileURLWithPath: Self.scratch())
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = RepositoryPaths.root.appendingPathComponent("SampleRuns/hf-no-eval").path
        let result = try Self.run(["report", run, "--format", "json"], in: directory)
        #expect(result.status == 0)
        #expect(result.stderr.contains("./trainreport-out"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("trainreport-out/hf-no-eval/report.json").path))
    }

    @Test func reportVerboseListsTheFilesWrittenAndPassedOver() throws {
        let out = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let quiet = try Self.run(["report", "SampleRuns", "-o", out, "--format", "json"])
        let verbose = try Self.run(["report", "SampleRuns", "-o", out, "--format", "json", "--verbose"])
        #expect(verbose.status == quiet.status)
        #expect(verbose.stdout.contains("hf-no-eval/report.json"), "\(verbose.stdout)")
        #expect(!quiet.stdout.contains("report.json"))
        #expect(verbose.stderr.contains("skipped: "), "SampleRuns holds README.md and scripts: \(verbose.stderr)")
        #expect(!quiet.stderr.contains("skipped: "))
    }

    @Test func compareWritesItsFilesAndExitsTwoForAnUnreadableRunOrBadUsage() throws {
        let out = Self.scratch()
        let result = try Self.run(["compare", "SampleRuns/hf-healthy-gpt2", "SampleRuns/hf-overfit-gpt2", "-o", out, "--x", "epoch"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("hf-healthy-gpt2 is best by best eval loss"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["compare.html", "compare.json", "compare.pdf"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/compare.json"))) as? [String: Any])
        for key in ["schema_version", "runs", "hyperparameters", "outcomes", "winner"] { #expect(json[key] != nil, "\(key)") }
        let partial = try Self.run(["compare", "SampleRuns/hf-healthy-gpt2", "no/such/run", "SampleRuns/jsonl-healthy", "-o", Self.scratch(),
                                    "--format", "json"])
        #expect(partial.status == 2)
        #expect(partial.stderr.contains("no/such/run"))
        #expect(try Self.run(["compare", "SampleRuns/hf-healthy-gpt2", "-o", Self.scratch()]).status == 2, "one run")
        #expect(try Self.run(["compare", "SampleRuns/hf-healthy-gpt2", "SampleRuns/hf-no-eval", "-o", Self.scratch(), "--x", "days"]).status == 2)
        #expect(try Self.run(["compare", "SampleRuns/hf-healthy-gpt2", "SampleRuns/hf-no-eval", "-o", Self.scratch(), "--format", "md"]).status == 2)
    }

    @Test func auditOfAFolderWithNoRunSaysSoAndExitsTwo() throws {
        let empty = Self.scratch()
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let result = try Self.run(["audit", empty, "-o", empty + "/out", "--format", "json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no run found in \(empty)"), "\(result.stderr)")
        #expect(!result.stderr.contains("0 runs"), "\(result.stderr)")
    }

    @Test func auditHelpStatesTheJobsDefaultAsEveryCore() throws {
        let help = try Self.run(["audit", "--help"]).stdout
        #expect(help.contains("every core"))
        #expect(!help.contains("(default: \(ProcessInfo.processInfo.activeProcessorCount))"), "\(help)")
    }

    @Test func auditWritesTheIndexAndRulesListsEveryRule() throws {
        let out = Self.scratch()
        let audit = try Self.run(["audit", "SampleRuns", "-o", out, "--format", "json", "--quiet"])
        #expect(audit.status == 0)
        let index = try String(contentsOfFile: out + "/index.csv", encoding: .utf8)
        #expect(index.split(separator: "\n").count == 27, "a header, one row per sample run (18) and one per run of SampleRuns/_assembly (8)")
        let rules = try Self.run(["rules"])
        for id in ["overfitting", "loss-nonfinite", "loss-spike", "grad-norm-explosion", "slow-convergence", "underfitting",
                   "lr-schedule", "run-truncated", "oom", "no-eval", "throughput-drop", "low-gpu-utilization",
                   "epoch-boundary-drops", "suspicious-loss", "resumed", "rl-reward-decline"] {
            #expect(rules.stdout.contains(id), "\(id)")
        }
    }

    /// The audit works in a child process; when that child dies of a signal (here kill -9, as a
    /// trap or SIGBUS would), the audit resumes from its journal and still writes every row.
    @Test func anAuditWhoseWorkerDiesResumesAndFinishes() throws {
        let root = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for i in 0..<60 {
            let path = root + "/arch/run\(i).jsonl"
            try FileManager.default.createDirectory(atPath: root + "/arch", withIntermediateDirectories: true)
            try Data("{\"step\": 1, \"loss\": 2.0}\n{\"step\": 2, \"loss\": 1.5}\n".utf8).write(to: URL(fileURLWithPath: path))
        }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["audit", root + "/arch", "-o", root + "/out", "--format", "json", "--jobs", "1"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let journal = root + "/out/.trainreport-audit.journal"
        let deadline = Date().addingTimeInterval(60)
        var killed = false
        while Date() < deadline && process.isRunning && !killed {
            let text = (try? String(contentsOfFile: journal, encoding: .utf8)) ?? ""
            if text.contains("\"done\""), let children = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/task/\(process.processIdentifier)/children", encoding: .utf8),
               let worker = children.split(separator: " ").first.flatMap({ Int32($0) }) {
                killed = kill(worker, SIGKILL) == 0
            }
            usleep(2_000)
        }
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(killed, "the worker was killed mid-audit")
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains("crashed the audit worker (signal 9); resuming"), "\(stderr)")
        let index = try String(contentsOfFile: root + "/out/index.csv", encoding: .utf8)
        #expect(index.split(separator: "\n").count == 61, "every run has a row")
        #expect(index.components(separatedBy: "crashed the audit").count - 1 <= 1, "at most the run in flight is an error row")
    }

    @Test func auditOfAMissingArchiveBesideAGoodOneAuditsTheGoodOneAndExitsTwo() throws {
        let out = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Self.run(["audit", "SampleRuns/hf-healthy-gpt2", "/nonexistent-trainreport", "-o", out, "--format", "json", "--quiet"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("/nonexistent-trainreport: no such file or directory"), "\(result.stderr)")
        let index = try String(contentsOfFile: out + "/index.csv", encoding: .utf8)
        #expect(index.split(separator: "\n").count == 2)
    }

    @Test func auditWhoseReportCannotBeWrittenHasAnErrorRowAndExitsTwo() throws {
        let out = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: out) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // A file where the run's report folder must go: the folder cannot be made (root ignores modes).
        try Data("x".utf8).write(to: URL(fileURLWithPath: out + "/hf-healthy-gpt2"))
        let result = try Self.run(["audit", "SampleRuns/hf-healthy-gpt2", "SampleRuns/hf-overfit-gpt2", "-o", out, "--format", "json", "--quiet"])
        #expect(result.status == 2, "\(result.stderr)")
        let index = try String(contentsOfFile: out + "/index.json", encoding: .utf8)
        #expect(index.contains("its report could not be written"))
        #expect(index.contains("\"verdict\": \"failed\"") || index.contains("\"verdict\": \"attention\""), "the other run is reported")
    }

    /// A key or file name holding ESC/BEL must not drive the terminal (`inspect` printed it raw).
    @Test func inspectNeverPrintsControlCharactersFromALog() throws {
        let dir = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/run\u{1B}[2J.jsonl"
        try Data("{\"step\": 1, \"lo\\u001b]0;pwned\\u0007ss\": 2.0}\n{\"step\": 2, \"lo\\u001b]0;pwned\\u0007ss\": 1.5}\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let result = try Self.run(["inspect", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("pwned"))
        #expect(!result.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" }, "\(result.stdout)")
    }
}
