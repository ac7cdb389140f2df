import ArgumentParser
import Audit
import Foundation
import Reports

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report every run found under archive folders and write an index of them all.",
        discussion: """
            Writes DIR/<run>/ reports as 'report' does, plus DIR/index.html (sortable, filterable), \
            index.csv, index.json and index.pdf (the runs needing attention first). A run that cannot be \
            read is a row with its error. Running again into the same DIR redoes only runs whose files \
            changed (--force redoes all).
            On several machines: each runs 'audit ARCHIVE... --output DIR --shard K/N' (K = 0..N-1) into \
            the same shared DIR, then one runs 'audit --merge DIR', which writes the same index a \
            one-machine audit would.
            Exit status: 0; 1 when a finding reaches --fail-on (an unreadable run counts as an error); \
            2 when nothing could be audited, an archive given cannot be searched, a report cannot be \
            written, or an option is wrong; with --merge also when a shard is missing, failed, or was \
            made with another version or other settings.
            """
    )

    @Argument(help: "Archive folders (or run files) to search for runs.")
    var archives: [String] = []

    @Option(name: .shortAndLong, help: "Folder to write the reports and the index into (default: ./trainreport-out).")
    var output: String?

    @OptionGroup var arguments: ReportArguments

    /// Optional so that `--help` says "every core" rather than this machine's core count.
    @Option(help: "Runs reported at once (default: every core).")
    var jobs: Int?

    @Flag(help: "Report every run again, even when its files did not change since the last audit.")
    var force = false

    @Option(help: ArgumentHelp(
        "Report only shard K of N (K from 0 to N-1): the runs whose path hashes to K. Writes the shard's reports and state into --output, not the index.",
        valueName: "K/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Combine the shards written into DIR into index.html, .csv, .json and .pdf.", valueName: "DIR"))
    var merge: String?

    @Flag(name: .shortAndLong, help: "Say why files were passed over.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "No progress output.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if merge != nil {
            if !archives.isEmpty || output != nil || shard != nil {
                throw ValidationError("--merge DIR takes no archive, --output or --shard: it combines the shards already written into DIR")
            }
        } else if archives.isEmpty {
            throw ValidationError("give at least one archive folder to audit (or --merge DIR to combine shards)")
        }
        if let shard {
            do { _ = try ShardSpec(parsing: shard) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() throws {
        if let merge { return try runMerge(merge) }
        if !AuditSupervisor.isWorker {
            let code = try AuditSupervisor.supervise(arguments: Array(CommandLine.arguments.dropFirst()))
            if code != 0 { throw ExitCode(code) }
            return
        }
        let output = OutputFolder.resolve(self.output, command: "audit")
        let spec = try shard.map { try ShardSpec(parsing: $0) }
        let result: ArchiveAudit.Result
        do {
            let options = ArchiveAudit.Options(roots: archives, output: output, report: try arguments.reportOptions(),
                                               jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, force: force, shard: spec,
                                               templateFolder: arguments.document.template)
            let style = ProgressReporter.automaticStyle(quiet: quiet)
            result = try ArchiveAudit.run(options) { ProgressReporter(style: style, total: $0) }
        } catch {
            FileHandleOutput.standardError("trainreport audit: \(error)\n")
            throw ExitCode(2)
        }
        var notes = result.problems.map { "problem: \($0.path): \($0.message)\n" }
        if verbose { notes += result.skipped.map { "skipped: \($0.path): \($0.message)\n" } }
        if result.discovered == 0 {
            notes.append("trainreport audit: no run found in \(archives.joined(separator: ", "))\n")
        }
        FileHandleOutput.standardError(notes.joined())
        if !quiet && result.discovered > 0 {
            let counts = result.index.verdictCounts.filter { $0.count > 0 }.map { "\($0.count) \($0.verdict)" }.joined(separator: ", ")
            let reused = result.index.rows.count - result.redone
            let done = "\(result.redone) reported, \(reused) unchanged"
            if let spec {
                FileHandleOutput.standardError(
                    "shard \(spec): \(result.index.rows.count) of \(result.discovered) runs\(counts.isEmpty ? "" : " (\(counts))"); \(done); "
                        + "when every shard is done: trainreport audit --merge \(output)\n")
            } else {
                FileHandleOutput.standardError(
                    "\(result.index.rows.count) runs (\(counts)); \(done); index: "
                        + ((output as NSString).appendingPathComponent("index.html")) + "\n")
            }
        }
        let code = result.exitCode(failOn: arguments.failOn.severity)
        if code != 0 { throw ExitCode(code) }
    }

    /// `--merge DIR`: the summary table on stdout; exit 2 when a shard is missing or failed or the
    /// shards cannot be combined.
    func runMerge(_ directory: String) throws {
        let outcome: AuditMerge.Outcome
        do {
            outcome = try AuditMerge.run(directory: directory)
        } catch {
            FileHandleOutput.standardError("trainreport audit --merge: \(error)\n")
            throw ExitCode(2)
        }
        FileHandleOutput.standardOutput(MergeSummary.text(outcome, directory: directory))
        let code = outcome.exitCode(failOn: arguments.failOn.severity)
        if code != 0 { throw ExitCode(code) }
    }
}
