import ArgumentParser
import Diagnostics
import ModelCard
import Reports

struct Card: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put a run's report into a Hugging Face model card (README.md), in place.",
        discussion: """
            Writes the PDF and chart PNGs into training_report/ next to the card and inserts or updates the \
            section between <!-- trainreport:begin --> and <!-- trainreport:end -->; every other byte of the \
            card stays as it is, and running again gives the same card.
            Exit status: 0 clean; 1 when a finding reaches --fail-on (the card is still updated); 2 when the \
            run or the card cannot be read or an option is wrong (the card is left untouched).
            """
    )

    @Argument(help: ArgumentHelp("The run: a log file or a folder holding one run (an HF output dir...).", valueName: "run"))
    var runPath: String

    @Option(help: "The model card to update (DIR/README.md), or the model repository folder holding it.")
    var modelCard: String

    @Option(help: "Place a new section at the end of this heading's section (e.g. \"## Training procedure\"); default: at the end of the card.")
    var after: String?

    @Flag(help: "For a public card: leave out fix lists, file paths and host names.")
    var `public` = false

    @Flag(help: "Merge the best evaluation's metrics into the front matter's model-index.")
    var modelIndex = false

    @Option(help: "Task type for a new model-index result (e.g. text-generation), when the card's pipeline_tag does not say.")
    var task: String?

    @Option(help: "Dataset id for a new model-index result, when the card's datasets list does not say.")
    var dataset: String?

    @Option(help: "Exit with status 1 when a finding reaches this severity: never, warning, error.")
    var failOn: ReportArguments.FailOn = .never

    @OptionGroup var document: DocumentArguments

    @Option(help: "Force an input format instead of detecting it.")
    var inputFormat: String?

    func run() throws {
        let options: CardOptions
        do {
            let report = ReportOptions(formats: [.pdf, .md], pageSize: try document.pageSizeValue(), templates: try document.templates(),
                                       diagnostics: try document.diagnostics(), charts: try document.chartOptions())
            options = CardOptions(report: report, after: after, isPublic: `public`, modelIndex: modelIndex, task: task, dataset: dataset)
        } catch {
            FileHandleOutput.standardError("trainreport card: \(error)\n")
            throw ExitCode(2)
        }
        let outcome: CardOutcome
        do {
            outcome = try ModelCardPipeline.update(run: runPath, card: modelCard, format: inputFormat, options: options)
        } catch {
            FileHandleOutput.standardError("error: \(error)\n")
            throw ExitCode(2)
        }
        let what = outcome.cardChanged ? "section \(outcome.placement.rawValue)" : "unchanged"
        print("\(outcome.verdict.rawValue) \(outcome.runName)  ->  \(outcome.cardPath) (\(what); \(outcome.files.count) files in \(ModelCardPipeline.assetsFolder)/)")
        if let index = outcome.modelIndex {
            print("model-index: " + index.metrics.map { "\($0.type) \(ModelIndexUpdate.format($0.value))" }.joined(separator: ", ")
                + " (evaluation at step \(index.step))")
        }
        if let failOn = failOn.severity, let worst = outcome.worstSeverity, worst >= failOn { throw ExitCode(1) }
    }
}
