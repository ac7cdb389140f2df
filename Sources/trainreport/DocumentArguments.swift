import ArgumentParser
import Charts
import Diagnostics
import Reports

/// The options every document-writing command (`report`, `audit`, `compare`) shares: page size,
/// HTML templates, the diagnostics configuration and the charts' x axis.
struct DocumentArguments: ParsableArguments {
    @Option(help: "Chart x axis: step, epoch, tokens or time (step where a run does not log it).")
    var x = "step"

    @Option(help: "PDF page size: a4 or letter.")
    var pageSize = "a4"

    @Option(help: "Folder of .mustache files replacing the built-in HTML templates of the same name.")
    var template: String?

    @Option(help: "Diagnostics configuration file (thresholds, disabled rules).")
    var config: String?

    /// The page size asked for; throws a message naming the bad value.
    func pageSizeValue() throws -> ReportPageSize {
        guard let size = ReportPageSize(rawValue: pageSize.lowercased()) else {
            throw ValidationError("unknown --page-size '\(pageSize)'; use a4 or letter")
        }
        return size
    }

    /// The built-in templates with the `--template` folder's overrides.
    func templates() throws -> ReportTemplates {
        try ReportTemplates(overrides: template)
    }

    /// The `--config` file's settings, or the defaults.
    func diagnostics() throws -> DiagnosticsConfig {
        try config.map { try DiagnosticsConfig.load(path: $0) } ?? .default
    }

    /// The chart options `--x` asks for; throws a message naming the bad value.
    func chartOptions() throws -> ChartOptions {
        guard let xAxis = ChartOptions.XAxis.allCases.first(where: { $0.label == x.lowercased() }) else {
            throw ValidationError("unknown --x '\(x)'; use step, epoch, tokens or time")
        }
        return ChartOptions(xAxis: xAxis)
    }
}
