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

    @Option(help: "Force an input format instead of detecting it: \(FormatRegistry.standard.ids.joined(separator: ", ")).")
    var inputFormat: String?

    /// The name this option had before every command used `--input-format`; kept so scripts keep working.
    @Option(help: "Alias of --input-format, kept for existing scripts (elsewhere --format names the outputs).")
    var format: String?

    @Flag(help: "Also list the files passed over in directories, with the reason.")
    var verbose = false

    func validate() throws {
        if let format, let inputFormat, format != inputFormat {
            throw ValidationError("--format is an alias of --input-format; give one of them")
        }
    }

    func run() throws {
        if format != nil {
            FileHandleOutput.standardError("note: inspect --format is an alias of --input-format, the name every command uses for the input format\n")
        }
        let summary = InspectSummary.collect(paths, format: inputFormat ?? format)
        if json {
            print(summary.json().serialized(), terminator: "")
        } else {
            print(summary.text(verbose: verbose), terminator: "")
            FileHandleOutput.standardError(summary.errorText)
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
