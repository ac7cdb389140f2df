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

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case never, warning, error

        var severity: Severity? {
            switch self {
            case .never: return nil
            case .warning: return .warning
            case .error: return .error
            }
        }
    }

    @Argument(help: "Run files or directories (an HF output dir, a folder of TensorBoard exports, or a folder of runs).")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Folder to write the reports into (one subfolder per run).")
    var output: String

    @Option(help: "Outputs to write, comma-separated: pdf, html, md, json.")
    var format = "pdf,html,md,json"

    @Option(help: "Exit with status 1 when a finding reaches this severity: never, warning, error.")
    var failOn: FailOn = .never

    @Option(help: "PDF page size: a4 or letter.")
    var pageSize = "a4"

    @Option(help: "Folder of .mustache files replacing the built-in HTML templates of the same name.")
    var template: String?

    @Option(help: "Diagnostics configuration file (thresholds, disabled rules).")
    var config: String?

    @Option(help: "Force an input format instead of detecting it.")
    var inputFormat: String?

    func run() throws {
        let options: ReportOptions
        do {
            options = try makeOptions()
        } catch {
            FileHandleOutput.standardError("trainreport report: \(error)\n")
            throw ExitCode(2)
        }
        let batch = ReportPipeline.report(paths: paths, output: output, format: inputFormat, options: options)
        for outcome in batch.outcomes {
            print("\(outcome.verdict.rawValue.padding(9)) \(outcome.runName)  ->  \(outcome.folder)")
        }
        FileHandleOutput.standardError(batch.failures.map { "error: \($0.message)\n" }.joined())
        let code = batch.exitCode(failOn: failOn.severity)
        if code != 0 { throw ExitCode(code) }
    }

    private func makeOptions() throws -> ReportOptions {
        let formats: Set<ReportFormat>
        switch ReportFormat.parseList(format) {
        case .success(let f): formats = f
        case .failure(let unknown):
            throw ValidationError("unknown --format '\(unknown.name)'; use pdf, html, md, json")
        }
        guard let size = ReportPageSize(rawValue: pageSize.lowercased()) else {
            throw ValidationError("unknown --page-size '\(pageSize)'; use a4 or letter")
        }
        let diagnostics = try config.map { try DiagnosticsConfig.load(path: $0) } ?? .default
        return ReportOptions(formats: formats, pageSize: size, templates: try ReportTemplates(overrides: template),
                             diagnostics: diagnostics)
    }
}

private extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
