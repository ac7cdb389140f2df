import RunModel

/// How rules that compare with the start of training speak when the log starts mid-training
/// (`Provenance.logStart`): of the start of the log, since the start of training is not in it.
enum LogStartText {
    /// "the whole run", or "the whole log (it starts at step 140749, epoch 10)".
    static func whole(_ run: Run) -> String {
        guard let start = run.provenance.logStart else { return "the whole run" }
        return "the whole log (\(startsAt(start)))"
    }

    /// "The training loss went from", or "From the start of this log (step N), the training loss went from".
    static func lossWentFrom(_ run: Run) -> String {
        guard let start = run.provenance.logStart else { return "The training loss went from" }
        return "From the start of this log (\(startsAt(start)), not the start of training), the training loss went from"
    }

    static func startsAt(_ start: LogStart) -> String {
        "it starts at step \(start.step)" + (start.epoch.map { ", epoch \(Format.number($0))" } ?? "")
    }
}
