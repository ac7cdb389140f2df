import ArgumentParser
import Ingest
import RunModel

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what trainreport reads from run files: format, files, segments, series and warnings.",
        discussion: "Exit status: 0 when every input was read, 2 when any could not be (the others are still reported)."
    )

    @Argument(help: "Run files or directories (an HF output dir, a folder of TensorBoard exports, or a folder of runs).")
    var paths: [String]

    @Flag(help: "Print JSON (schema in the README) instead of text.")
    var json = false

    @Option(help: "Force a format instead of detecting it: \(FormatRegistry.standard.ids.joined(separator: ", ")).")
    var format: String?

    @Flag(help: "Also list the files passed over in directories, with the reason.")
    var verbose = false

    func run() throws {
        let summary = InspectSummary.collect(paths, format: format)
        if json {
            print(summary.json().serialized(), terminator: "")
        } else {
            FileHandleOutput.standardOutput(summary.text(verbose: verbose))
            FileHandleOutput.standardError(summary.errorText)
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
