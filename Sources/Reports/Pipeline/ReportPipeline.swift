import CairoBackend
import Charts
import Diagnostics
import Foundation
import Ingest
import RunModel

/// The `report` command's work, callable per run (as `audit` does) or for a list of paths:
/// diagnose, chart, build the document, write the files.
public enum ReportPipeline {
    /// Findings that get an excerpt chart, at most: each excerpt draws the whole run again, so a run
    /// restarted 5,000 times (a `resumed` finding per restart) made report time grow with findings x
    /// points (652 s for one PDF). Findings come most severe first, so the excerpts go to those.
    public static let maxExcerpts = 20

    /// Diagnoses `run` and draws its charts (and an excerpt for each of the first `maxExcerpts`
    /// findings with a step range).
    public static func document(for run: Run, options: ReportOptions, measurer: CairoTextMeasurer) -> ReportDocument {
        let diagnosis = Diagnostician.diagnose(run, config: options.diagnostics)
        let charts = ChartFactory.charts(for: run, findings: diagnosis.findings, options: options.charts)
            .map { ReportChart($0, measurer: measurer) }
        var excerpts: [Int: ReportChart] = [:]
        let located = diagnosis.findings.indices.filter { diagnosis.findings[$0].steps != nil }.prefix(maxExcerpts)
        for index in located {
            let finding = diagnosis.findings[index]
            if let chart = ChartFactory.excerpt(for: finding, run: run, options: options.charts) {
                excerpts[index] = ReportChart(chart, kind: "finding-\(finding.id)", measurer: measurer)
            }
        }
        return ReportDocument(run: run, diagnosis: diagnosis, charts: charts, findingExcerpts: excerpts,
                              unchartedSeries: MetricGroupChart.unchartedSeries(run))
    }

    /// Writes the report of one run into `folder` and returns what it concluded. `protecting` holds
    /// resolved paths that must never be written over; the run's own source files are always added.
    public static func write(run: Run, to folder: String, options: ReportOptions, measurer: CairoTextMeasurer? = nil,
                             protecting protected: Set<String> = []) throws -> ReportOutcome {
        let measurer = try measurer ?? CairoTextMeasurer.shared ?? CairoTextMeasurer()
        let document = document(for: run, options: options, measurer: measurer)
        let inputs = protected.union(run.provenance.sources.map { AtomicFile.resolved($0.path) })
        let files = try options.writer.write(document, to: folder, protecting: inputs)
        return ReportOutcome(runName: run.name, folder: folder, files: files, verdict: document.verdict,
                             verdictReason: document.verdictReason, findings: document.findings)
    }

    /// Reads every path (files, run folders, folders of runs) and writes each run's report into
    /// `output/<run>/`, with run names made safe and unique as folder names.
    /// - Parameter format: forces an input format instead of detecting it.
    public static func report(paths: [String], output: String, format: String? = nil, options: ReportOptions) -> ReportBatch {
        let summary = InspectSummary.collect(paths, format: format)
        var batch = ReportBatch(outcomes: [], failures: summary.errors, skipped: summary.skipped)
        let inputs = Set(paths.map(AtomicFile.resolved) + summary.runs.flatMap { $0.provenance.sources.map { AtomicFile.resolved($0.path) } })
        do {
            try AtomicFile.makeDirectory(output, protecting: inputs)
        } catch {
            batch.failures.append(PathFailure(path: output, message: "\(error)"))
            return batch
        }
        let measurer: CairoTextMeasurer
        do {
            measurer = try CairoTextMeasurer.shared ?? CairoTextMeasurer()
        } catch {
            batch.failures.append(PathFailure(path: output, message: "cannot set up text measuring: \(error)"))
            return batch
        }
        let folders = RunFolderName.assign(summary.runs.map(\.name))
        for (run, name) in zip(summary.runs, folders) {
            let folder = (output as NSString).appendingPathComponent(name)
            do {
                batch.outcomes.append(try write(run: run, to: folder, options: options, measurer: measurer, protecting: inputs))
            } catch {
                batch.failures.append(PathFailure(path: folder, message: "\(error)"))
            }
        }
        return batch
    }
}
