import ArgumentParser
import Foundation
import RunModel

@main
struct TrainReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainreport",
        abstract: "Turn the logs a training run leaves behind into a report you can trust.",
        discussion: "Exit status: 0 clean; 1 a finding reached --fail-on; 2 bad input or usage.",
        version: RunModel.TrainReportVersion.current,
        subcommands: [Inspect.self, Report.self, Rules.self, Audit.self, Compare.self, Card.self]
    )

    /// Runs the chosen command; a usage error exits with status 2 (the documented status for bad
    /// input or usage) instead of ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandleOutput.standardError(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
