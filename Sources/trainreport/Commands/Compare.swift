import ArgumentParser
import Charts
import Reports

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare runs side by side: overlay charts, the settings that differ, each run's outcome, and which run is best.",
        discussion: """
            Writes DIR/compare.pdf, compare.html and compare.json.
            Exit status: 0 when every run was read; 2 when a run could not be read (the others are still \
            compared while at least two remain) or an option is wrong.
            """
    )

    @Argument(help: "Two or more runs: each a run file or a folder holding one run.")
    var runs: [String]

    @Option(name: .shortAndLong, help: "Folder to write compare.pdf, compare.html and compare.json into (default: ./trainreport-out).")
    var output: String?

    @Option(help: "Outputs to write, comma-separated: pdf, html, json.")
    var format = "pdf,html,json"

    @OptionGroup var document: DocumentArguments

    @Option(help: "Force an input format instead of detecting it.")
    var inputFormat: String?

    func run() throws {
        let options: ReportOptions
        do {
            guard runs.count >= 2 else { throw ValidationError("give at least two runs to compare") }
            options = try makeOptions()
        } catch {
            FileHandleOutput.standardError("trainreport compare: \(error)\n")
            throw ExitCode(2)
        }
        let outcome = ComparePipeline.compare(paths: runs, output: OutputFolder.resolve(output, command: "compare"), format: inputFormat, options: options)
        if let comparison = outcome.comparison {
            print(comparison.winner.sentence)
            for file in outcome.files { print("  -> \(file)") }
        }
        FileHandleOutput.standardError(outcome.failures.map { "error: \($0.located)\n" }.joined())
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    private func makeOptions() throws -> ReportOptions {
        let formats: Set<ReportFormat>
        switch ReportFormat.parseList(format) {
        case .success(let f) where f.isSubset(of: ComparePipeline.supportedFormats): formats = f
        case .success: throw ValidationError("compare writes pdf, html and json; --format '\(format)' asks for another")
        case .failure(let unknown): throw ValidationError("unknown --format '\(unknown.name)'; use pdf, html, json")
        }
        let size = try document.pageSizeValue()
        let diagnostics = try document.diagnostics()
        return ReportOptions(formats: formats, pageSize: size, templates: try document.templates(),
                              diagnostics: diagnostics, charts: try document.chartOptions())
    }
}
