import ArgumentParser
import Diagnostics
import Reports

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a report (PDF, HTML, Markdown, JSON) for every run found in the given paths.",
        discussion: """
            Writes DIR/<run>/report.pdf, report.html, report.md (with charts/*.png) and report.json.
            Exit status: 0 clean; 1 when a finding reaches --fail-on; 2 when an input could not be read \
            or an option is wrong (the other inputs are still reported).
            """
    )

    @Argument(help: "Run files or directories (an HF output dir, a folder of TensorBoard exports, or a folder of runs).")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Folder to write the reports into, one subfolder per run (default: ./trainreport-out).")
    var output: String?

    @OptionGroup var arguments: ReportArguments

    @Option(help: "Force an input format instead of detecting it.")
    var inputFormat: String?

    @Flag(name: .shortAndLong, help: "Also list the files passed over in directories (with the reason) and the files written.")
    var verbose = false

    func run() throws {
        let options: ReportOptions
        do {
            options = try arguments.reportOptions()
        } catch {
            FileHandleOutput.standardError("trainreport report: \(error)\n")
            throw ExitCode(2)
        }
        let folder = OutputFolder.resolve(output, command: "report")
        let batch = ReportPipeline.report(paths: paths, output: folder, format: inputFormat, options: options)
        for outcome in batch.outcomes {
            print("\(outcome.verdict.rawValue.padding(9)) \(outcome.runName)  ->  \(outcome.folder)")
            if verbose { for file in outcome.files { print("            \(file)") } }
        }
        if verbose { FileHandleOutput.standardError(batch.skipped.map { "skipped: \($0.path): \($0.message)\n" }.joined()) }
        FileHandleOutput.standardError(batch.failures.map { "error: \($0.located)\n" }.joined())
        let code = batch.exitCode(failOn: arguments.failOn.severity)
        if code != 0 { throw ExitCode(code) }
    }
}

private extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
