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
            Exit status: 0; 1 when a finding reaches --fail-on (an unreadable run counts as an error); \
            2 when nothing could be audited or an option is wrong.
            """
    )

    @Argument(help: "Archive folders (or run files) to search for runs.")
    var archives: [String]

    @Option(name: .shortAndLong, help: "Folder to write the reports and the index into (default: ./trainreport-out).")
    var output: String?

    @OptionGroup var arguments: ReportArguments

    /// Optional so that `--help` says "every core" rather than this machine's core count.
    @Option(help: "Runs reported at once (default: every core).")
    var jobs: Int?

    @Flag(help: "Report every run again, even when its files did not change since the last audit.")
    var force = false

    @Flag(name: .shortAndLong, help: "Say why files were passed over.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "No progress output.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let output = OutputFolder.resolve(self.output, command: "audit")
        let result: ArchiveAudit.Result
        do {
            let options = ArchiveAudit.Options(roots: archives, output: output, report: try arguments.reportOptions(),
                                               jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, force: force)
            let style = ProgressReporter.automaticStyle(quiet: quiet)
            result = try ArchiveAudit.run(options) { ProgressReporter(style: style, total: $0) }
        } catch {
            FileHandleOutput.standardError("trainreport audit: \(error)\n")
            throw ExitCode(2)
        }
        var notes = result.problems.map { "problem: \($0.path): \($0.message)\n" }
        if verbose { notes += result.skipped.map { "skipped: \($0.path): \($0.message)\n" } }
        if result.index.rows.isEmpty {
            notes.append("trainreport audit: no run found in \(archives.joined(separator: ", "))\n")
        }
        FileHandleOutput.standardError(notes.joined())
        if !quiet && !result.index.rows.isEmpty {
            let counts = result.index.verdictCounts.filter { $0.count > 0 }.map { "\($0.count) \($0.verdict)" }.joined(separator: ", ")
            let reused = result.index.rows.count - result.redone
            FileHandleOutput.standardError(
                "\(result.index.rows.count) runs (\(counts)); \(result.redone) reported, \(reused) unchanged; index: "
                    + ((output as NSString).appendingPathComponent("index.html")) + "\n")
        }
        let code = result.exitCode(failOn: arguments.failOn.severity)
        if code != 0 { throw ExitCode(code) }
    }
}
