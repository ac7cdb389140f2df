import Foundation
import RunModel

/// `inspect`'s human output: per run, the format and files, segments and restarts, a table of series
/// (count, step range, first, last, min with its step, max, non-finite count), then warnings.
extension InspectSummary {
    public func text(verbose: Bool = false) -> String {
        var out = ""
        for (i, run) in runs.enumerated() {
            if i > 0 { out += "\n" }
            out += Self.text(run: run)
        }
        if verbose && !skipped.isEmpty {
            out += "\nskipped (not runs):\n"
            for note in skipped { out += "  \(note.path): \(note.message)\n" }
        }
        return out
    }

    /// The errors, one line each, for standard error.
    public var errorText: String {
        errors.map { "error: \($0.message)\n" }.joined()
    }

    static func text(run: Run) -> String {
        var out = "run \(run.name)\n"
        out += "  format:   \(run.format)\n"
        let numbered = run.provenance.sources.count > 1
        for (i, source) in run.provenance.sources.enumerated() {
            let label = numbered ? "  source \(i + 1): " : "  source:   "
            let format = numbered ? "\(source.format)" + (source.note.map { "; \($0)" } ?? "") : source.note ?? ""
            out += label + source.path + (format.isEmpty ? "" : " (\(format))") + "\n"
        }
        if let start = run.provenance.logStart {
            out += "  starts:   this log starts at step \(start.step)" + (start.epoch.map { " (epoch \(number($0)))" } ?? "")
                + ", not at the start of training\n"
        }
        out += "  segments: \(run.segments)"
        if !run.provenance.restarts.isEmpty {
            let restarts = run.provenance.restarts.map { "back to step \($0.step) from \($0.abandonedThrough) (\($0.supersededPoints) points superseded)" }
            out += ": " + restarts.joined(separator: "; ")
        }
        out += "\n"
        let facts = metadataLine(run.metadata)
        if !facts.isEmpty { out += "  metadata: \(facts)\n" }
        if run.series.isEmpty {
            out += "  series:   none\n"
        } else {
            out += table(run.series, sources: numbered ? run.provenance : nil)
        }
        if !run.warnings.isEmpty {
            out += "  warnings:\n"
            for issue in run.warnings { out += "    \(issue.kind.rawValue): \(issue.description)\n" }
        }
        return out
    }

    /// The series table; with `sources` (a run read from several), a last column says which
    /// numbered source each series came from.
    static func table(_ series: [Series], sources: Provenance? = nil) -> String {
        var header = ["series", "key", "count", "steps", "first", "last", "min", "@step", "max", "non-finite"]
        if sources != nil { header.append("source") }
        var rows = [header]
        for s in series {
            let m = s.summary
            let steps = m.firstStep.map { first in "\(first)..\(m.lastStep ?? first)" } ?? "-"
            var row = [s.name, s.key, "\(m.count)", steps, number(m.first), number(m.last), number(m.min),
                       m.minStep.map(String.init) ?? "-", number(m.max), "\(m.nonFinite)"]
            if let sources {
                let path = sources.seriesSources[s.name]
                row.append(sources.sources.firstIndex { $0.path == path }.map { String($0 + 1) } ?? "-")
            }
            rows.append(row)
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        let numeric = Set(2..<header.count)
        var out = ""
        for row in rows {
            var line = "   "
            for (c, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                line += " " + (numeric.contains(c) ? pad + cell : cell + pad)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// Six significant digits; NaN and infinities spelled as JSON writes them.
    static func number(_ v: Double?) -> String {
        guard let v else { return "-" }
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "Infinity" : "-Infinity" }
        return String(format: "%.6g", v)
    }

    static func metadataLine(_ m: RunMetadata) -> String {
        var parts: [String] = []
        if let v = m.globalStep { parts.append("global_step \(v)") }
        if let v = m.maxSteps { parts.append("max_steps \(v)") }
        if let v = m.epoch { parts.append("epoch \(number(v))") }
        if let v = m.numTrainEpochs { parts.append("num_train_epochs \(number(v))") }
        if let v = m.trainBatchSize { parts.append("train_batch_size \(v)") }
        if let v = m.loggingSteps { parts.append("logging_steps \(v)") }
        if let v = m.evalSteps { parts.append("eval_steps \(v)") }
        if let v = m.bestMetric { parts.append("best_metric \(number(v))") }
        if let v = m.bestModelCheckpoint { parts.append("best_model_checkpoint \(v)") }
        if let v = m.meanTrainLoss { parts.append("train_loss \(number(v))") }
        if let v = m.trainRuntime { parts.append("train_runtime \(number(v))s") }
        parts.append(m.hasFinalSummary ? "final summary present" : "no final summary")
        return parts.joined(separator: ", ")
    }
}
