import Diagnostics
import Foundation
import Ingest
import Reports
import RunModel

/// The `audit` command's work: find every run under some archive folders, report each on `jobs`
/// threads (reusing unchanged results of the last audit into the same folder), and write the index
/// as HTML, CSV, JSON and a PDF digest.
public enum ArchiveAudit {
    public struct Options: Sendable {
        public var roots: [String]
        public var output: String
        public var report: ReportOptions
        public var jobs: Int
        public var force: Bool

        public init(roots: [String], output: String, report: ReportOptions, jobs: Int, force: Bool) {
            self.roots = roots
            self.output = output
            self.report = report
            self.jobs = jobs
            self.force = force
        }
    }

    public struct Result: Sendable {
        public var index: AuditIndex
        /// Runs reported anew; the others were unchanged since the last audit.
        public var redone: Int
        /// Files passed over because they are not runs (for `--verbose`).
        public var skipped: [RunDiscovery.Note]
        /// Folders that could not be searched (unreadable, missing roots).
        public var problems: [RunDiscovery.Note]
        public var indexFiles: [String]

        /// 2 when nothing could be audited; 1 when a finding reaches `failOn`; else 0.
        public func exitCode(failOn: Severity?) -> Int32 {
            if index.rows.isEmpty || index.rows.allSatisfy({ $0.verdict == "error" }) { return 2 }
            guard let failOn else { return 0 }
            let reached = index.rows.contains { row in
                (failOn <= .error && (row.errors > 0 || row.verdict == "error")) || (failOn <= .warning && row.warnings > 0) || (failOn <= .info && row.infos > 0)
            }
            return reached ? 1 : 0
        }
    }

    /// The runs under `roots`, each with a unique report folder named after its path in the archive.
    public static func jobs(for discovery: RunDiscovery.Result, roots: [String]) -> [AuditJob] {
        let inputs = discovery.runs
        let displayPaths = inputs.map { displayPath(of: $0.location, roots: roots) }
        let folders = RunFolderName.assign(displayPaths.map { $0.replacingOccurrences(of: "/", with: "__") })
        return zip(inputs, zip(displayPaths, folders)).map { input, names in
            AuditJob(name: input.name, path: input.location, displayPath: names.0, inputs: input.allFiles, reportDir: names.1)
        }
    }

    public static func run(_ options: Options, progress makeProgress: (Int) -> ProgressReporter) throws -> Result {
        let discovery = RunDiscovery.discover(options.roots)
        let jobs = jobs(for: discovery, roots: options.roots)
        // By report folder, the one key unique to each run: several runs can share a location (the
        // exports of runs a and b in one folder, or an HF output dir that also holds TensorBoard exports).
        let inputsByFolder = Dictionary(uniqueKeysWithValues: zip(jobs.map(\.reportDir), discovery.runs))
        let protected = Set(options.roots.map(AtomicFile.resolved))
        try AtomicFile.makeDirectory(options.output, protecting: protected)
        let auditor = Auditor(output: URL(fileURLWithPath: options.output, isDirectory: true),
                              settings: settings(of: options.report), jobs: options.jobs, force: options.force)
        var withIndexLink = options.report
        // Report folders sit directly under the output folder (slashes in paths become `__`).
        withIndexLink.indexLink = "../index.html"
        let reportOptions = withIndexLink
        let outcome = try auditor.run(jobs, progress: makeProgress(jobs.count)) { job, folder in
            guard let input = inputsByFolder[job.reportDir] else { throw IngestError(path: job.path, message: "no longer found") }
            let run = try RunLoader.load(input)
            let written = try ReportPipeline.write(run: run, to: folder.path, options: reportOptions)
            return AuditRow(run: run, outcome: written, displayPath: job.displayPath, date: Auditor.isoDate(ofNewest: job.inputs))
        }
        let files = try writeIndex(outcome.index, problems: discovery.problems, to: options.output, options: options.report)
        return Result(index: outcome.index, redone: outcome.redone, skipped: discovery.skipped, problems: discovery.problems,
                      indexFiles: files)
    }

    /// What the reports depend on besides their inputs, as text for the manifest: formats, x axis, page
    /// size, diagnostics configuration. (Template overrides are not tracked: `--force` after editing them.)
    static func settings(of report: ReportOptions) -> [String] {
        let config = report.diagnostics
        let thresholds = config.thresholds.sorted { $0.key < $1.key }.flatMap { rule, values in
            values.sorted { $0.key < $1.key }.map { "\(rule).\($0.key)=\($0.value)" }
        }
        return ["formats=" + report.formats.map(\.rawValue).sorted().joined(separator: ","), "x=\(report.charts.xAxis.rawValue)",
                "page=\(report.pageSize.rawValue)", "disabled=" + config.disabledRules.sorted().joined(separator: ",")] + thresholds
    }

    /// Writes index.html, index.csv, index.json and index.pdf into `folder`, each atomically.
    static func writeIndex(_ index: AuditIndex, problems: [RunDiscovery.Note], to folder: String, options: ReportOptions) throws -> [String] {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let html = try IndexHTMLRenderer(templates: options.templates).render(index, problems: problems)
        let pdf = try IndexPDFRenderer(pageSize: options.pageSize, createDate: options.createDate).render(index, problems: problems)
        let files: [(String, [UInt8])] = [
            ("index.html", Array(html.utf8)), ("index.csv", Array(index.csv().utf8)),
            ("index.json", Array(index.json().utf8)), ("index.pdf", pdf),
        ]
        for (name, bytes) in files { try AtomicFile.write(bytes, to: path(name)) }
        return files.map { path($0.0) }
    }

    /// `location` relative to the root it lies under (the root's own name when it is the run itself).
    static func displayPath(of location: String, roots: [String]) -> String {
        let standard = (location as NSString).standardizingPath
        for root in roots {
            let base = (root as NSString).standardizingPath
            if standard == base { return (base as NSString).lastPathComponent }
            let prefix = base.hasSuffix("/") ? base : base + "/"
            if standard.hasPrefix(prefix) { return String(standard.dropFirst(prefix.count)) }
        }
        return standard
    }
}
