import CairoBackend
import Charts
import Diagnostics
import Foundation
import Ingest
import RunModel

/// The `compare` command's work: read each run, diagnose it, overlay the charts, build the
/// comparison and write `compare.pdf`, `compare.html` and `compare.json`.
public enum ComparePipeline {
    /// The outputs a comparison has: `pdf`, `html`, `json` (`md` is not a comparison output).
    public static let supportedFormats: Set<ReportFormat> = [.pdf, .html, .json]

    /// `compare.pdf` and so on.
    static func fileName(_ format: ReportFormat) -> String { "compare.\(format.rawValue)" }

    /// Compares runs already read (at least two), with names made distinct for legends and tables.
    public static func comparison(of runs: [Run], options: ReportOptions, unreadable: [PathFailure] = [],
                                  measurer: CairoTextMeasurer) -> Comparison {
        var runs = runs
        for (i, name) in distinctNames(runs.map(\.name)).enumerated() { runs[i].name = name }
        let diagnoses = runs.map { Diagnostician.diagnose($0, config: options.diagnostics) }
        let charts = ChartFactory.comparison(runs: runs, options: options.charts).map { ReportChart($0, measurer: measurer) }
        return Comparison(runs: runs, diagnoses: diagnoses, charts: charts, xAxis: options.charts.xAxis, unreadable: unreadable)
    }

    /// Reads each path as one run and writes the comparison into `output`. Unreadable inputs are
    /// listed and the rest compared while at least two remain.
    /// - Parameter format: forces an input format instead of detecting it.
    public static func compare(paths: [String], output: String, format: String? = nil, options: ReportOptions) -> CompareOutcome {
        var runs: [Run] = []
        var failures: [PathFailure] = []
        for path in paths {
            do {
                runs.append(try RunLoader.load(path, format: format))
            } catch {
                failures.append(PathFailure(path: path, message: "\(error)"))
            }
        }
        guard runs.count >= 2 else {
            failures.append(PathFailure(path: output, message: "\(output): compare needs at least two readable runs; \(runs.count) could be read"))
            return CompareOutcome(comparison: nil, files: [], failures: failures)
        }
        let inputs = Set(paths.map(AtomicFile.resolved) + runs.flatMap { $0.provenance.sources.map { AtomicFile.resolved($0.path) } })
        do {
            try AtomicFile.makeDirectory(output, protecting: inputs)
            let comparison = comparison(of: runs, options: options, unreadable: failures, measurer: try CairoTextMeasurer())
            let files = try write(comparison, to: output, options: options, protecting: inputs)
            return CompareOutcome(comparison: comparison, files: files, failures: failures)
        } catch {
            failures.append(PathFailure(path: output, message: "\(error)"))
            return CompareOutcome(comparison: nil, files: [], failures: failures)
        }
    }

    /// Renders the chosen outputs concurrently, then writes each atomically in a fixed order.
    public static func write(_ comparison: Comparison, to folder: String, options: ReportOptions,
                             protecting protected: Set<String> = []) throws -> [String] {
        let formats = options.formats.intersection(Self.supportedFormats).sorted()
        let pageSize = options.pageSize, createDate = options.createDate, templates = options.templates
        let renderers: [@Sendable () throws -> [UInt8]] = formats.map { format in
            switch format {
            case .pdf: return { try ComparePDFRenderer(pageSize: pageSize, createDate: createDate).render(comparison) }
            case .html: return { Array(try CompareHTMLRenderer(templates: templates).render(comparison).utf8) }
            case .json: return { Array(CompareJSONRenderer.render(comparison).utf8) }
            case .md: preconditionFailure("md is not a comparison output")
            }
        }
        let rendered = ConcurrentResults<[UInt8]>(count: renderers.count)
        DispatchQueue.concurrentPerform(iterations: renderers.count) { i in
            rendered.set(i, Result { try renderers[i]() })
        }
        var written: [String] = []
        for (format, result) in zip(formats, rendered.values) {
            let path = (folder as NSString).appendingPathComponent(Self.fileName(format))
            try AtomicFile.write(try result.get(), to: path, protecting: protected)
            written.append(path)
        }
        return written
    }

    /// Names in order, a repeated one suffixed ` (2)`, ` (3)`... so legends and tables tell runs apart.
    static func distinctNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.map { name in
            var candidate = name
            var n = 2
            while used.contains(candidate) {
                candidate = "\(name) (\(n))"
                n += 1
            }
            used.insert(candidate)
            return candidate
        }
    }
}
