import RunModel

/// The "Training results" table of a Hugging Face model card, as the Trainer writes it: one row per
/// evaluation with the last training loss logged by then, the epoch (when the run logs epochs), the
/// step, the validation loss and the other eval metrics.
public struct TrainingResultsTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String]]

    public var isEmpty: Bool { rows.isEmpty }

    public init(columns: [String], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    public init(run: Run) {
        let evalLoss = run.series(.evalLoss)
        let metrics = run.evalMetrics
        let evalSeries = (evalLoss.map { [$0] } ?? []) + metrics
        let steps = Set(evalSeries.flatMap(\.steps)).sorted()
        let train = run.series(.trainLoss)
        // A log without epochs (most JSONL and TensorBoard logs) would fill the column with dashes.
        let epoch = run.series(.epoch).flatMap { $0.isEmpty ? nil : $0 }
        columns = ["Training Loss"] + (epoch == nil ? [] : ["Epoch"]) + ["Step"]
            + (evalLoss == nil ? [] : ["Validation Loss"]) + metrics.map { TrainingResultsTable.columnName($0.name) }
        rows = steps.map { step in
            var row = [train.flatMap { TrainingResultsTable.value(in: $0, atOrBefore: step) }.map { ReportNumber.format($0) } ?? "No log"]
            if let epoch {
                row.append(TrainingResultsTable.value(in: epoch, atOrBefore: step).map { ReportNumber.format($0) } ?? "—")
            }
            row.append(String(step))
            for series in evalSeries {
                row.append(TrainingResultsTable.value(in: series, at: step).map { ReportNumber.format($0) } ?? "—")
            }
            return row
        }
    }

    /// `eval/exact_match` -> `Exact Match`, as the HF Trainer titles its columns.
    public static func columnName(_ canonical: String) -> String {
        let metric = canonical.hasPrefix("eval/") ? String(canonical.dropFirst(5)) : canonical
        return metric.split(whereSeparator: { $0 == "_" || $0 == "/" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: " ")
    }

    static func value(in series: Series, at step: Int) -> Double? {
        let i = series.lowerBound(of: step)
        return i < series.count && series.steps[i] == step ? series.values[i] : nil
    }

    static func value(in series: Series, atOrBefore step: Int) -> Double? {
        let i = series.lowerBound(of: step + 1)
        return i > 0 ? series.values[i - 1] : nil
    }
}
