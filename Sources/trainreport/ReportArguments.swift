import ArgumentParser
import Diagnostics
import Reports

/// The options `report` and `audit` share: what to write and how.
struct ReportArguments: ParsableArguments {
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

    @Option(help: "Outputs to write, comma-separated: pdf, html, md, json.")
    var format = "pdf,html,md,json"

    @Option(help: "Exit with status 1 when a finding reaches this severity: never, warning, error.")
    var failOn: FailOn = .never

    @OptionGroup var document: DocumentArguments

    /// The report options these arguments describe; throws a message naming the bad value.
    func reportOptions() throws -> ReportOptions {
        let formats: Set<ReportFormat>
        switch ReportFormat.parseList(format) {
        case .success(let f): formats = f
        case .failure(let unknown):
            throw ValidationError("unknown --format '\(unknown.name)'; use pdf, html, md, json")
        }
        let size = try document.pageSizeValue()
        let diagnostics = try document.diagnostics()
        return ReportOptions(formats: formats, pageSize: size, templates: try document.templates(), diagnostics: diagnostics,
                             charts: try document.chartOptions())
    }
}
