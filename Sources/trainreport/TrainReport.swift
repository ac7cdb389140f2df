import ArgumentParser
import RunModel

@main
struct TrainReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainreport",
        abstract: "Turn the logs a training run leaves behind into a report you can trust.",
        version: RunModel.TrainReportVersion.current,
        subcommands: [Inspect.self, Report.self, Rules.self, Audit.self, Compare.self]
    )
}
