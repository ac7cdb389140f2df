import Foundation
import RunModel

/// How Hugging Face's Trainer spells things, for fixes that name the setting to change.
enum HFNames {
    /// The `metric_for_best_model` value for an eval series: `eval_loss`, `eval_accuracy`...
    static func metricForBestModel(_ series: Series) -> String {
        if series.key.hasPrefix("eval_") { return series.key }
        let metric = series.name.hasPrefix("eval/") ? String(series.name.dropFirst(5)) : series.name
        return "eval_" + metric.replacingOccurrences(of: "/", with: "_")
    }

    /// The step in a checkpoint path such as `output/checkpoint-800`; nil when there is none.
    static func checkpointStep(_ path: String) -> Int? {
        guard let range = path.range(of: "checkpoint-", options: .backwards) else { return nil }
        let digits = path[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }
}
