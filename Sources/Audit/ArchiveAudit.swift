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
        /// Report only this shard's runs and write its shard index instead of the index (`--shard K/N`).
        public var shard: ShardSpec?
        /// The `--template` folder, recorded in a shard index so the merge renders the same index.html.
        public var templateFolder: String?

        public init(roots: [String], output: String, report: ReportOptions, jobs: Int, force: Bool, shard: ShardSpec? = nil,
                    templateFolder: String? = nil) {
            self.roots = roots
            self.output = output
            self.report = report
            self.jobs = jobs
            self.force = force
            self.shard = shard
            self.templateFolder = templateFolder
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
        /// Archives given on the command line that could not be searched (missing, unreadable, a file
        /// that is not a run).
        public var unreadableRoots: [RunDiscovery.Note] = []
        /// Runs found in the whole archive (a shard's index holds only its own).
        public var discovered: Int

        /// 2 when nothing could be audited, an archive given could not be searched, or a report could
        /// not be written (the rest is still audited); else 1 when a finding reaches `failOn` (a run
        /// that cannot be read counts as an error); else 0. A shard that was given no run of a
        /// non-empty archive has nothing wrong.
        public func exitCode(failOn: Severity?) -> Int32 {
            if discovered == 0 || (!index.rows.isEmpty && index.rows.allSatisfy({ $0.verdict == "error" })) { return 2 }
            if !unreadableRoots.isEmpty || index.rows.contains(where: { $0.verdictReason == AuditRow.unwritableReason }) { return 2 }
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
        let keys = inputs.map { input in
            let (root, path) = place(of: input.location, roots: roots)
            return RunKey(root: roots.count > 1 ? root ?? "" : "", path: path, name: input.name)
        }
        let folders = AuditFolderNames.assign(keys)
        return zip(inputs, zip(keys, folders)).map { input, named in
            AuditJob(name: input.name, path: input.location, displayPath: named.0.path, inputs: input.allFiles, reportDir: named.1,
                     key: named.0.text)
        }
    }

    public static func run(_ options: Options, progress makeProgress: (Int) -> ProgressReporter) throws -> Result {
        try refuseOutputHoldingAnInput(options)
        let discovery = RunDiscovery.discover(options.roots)
        let all = jobs(for: discovery, roots: options.roots)
        let jobs = options.shard.map { ShardAssignment.jobs(all, for: $0) } ?? all
        // By report folder, the one key unique to each run: several runs can share a location (the
        // exports of runs a and b in one folder, or an HF output dir that also holds TensorBoard exports).
        let inputsByFolder = Dictionary(uniqueKeysWithValues: zip(all.map(\.reportDir), discovery.runs))
        let protected = Set(options.roots.map(AtomicFile.resolved))
        try AtomicFile.makeDirectory(options.output, protecting: protected)
        let auditor = Auditor(output: URL(fileURLWithPath: options.output, isDirectory: true),
                              settings: settings(of: options.report), jobs: options.jobs, force: options.force, shard: options.shard)
        var withIndexLink = options.report
        // Report folders sit directly under the output folder (slashes in paths become `__`).
        withIndexLink.indexLink = "../index.html"
        let reportOptions = withIndexLink
        let outcome = try auditor.run(jobs, progress: makeProgress(jobs.count)) { job, folder in
            guard let input = inputsByFolder[job.reportDir] else { throw IngestError(path: job.path, message: "no longer found") }
            let run = try RunLoader.load(input)
            let written: ReportOutcome
            do {
                written = try ReportPipeline.write(run: run, to: folder.path, options: reportOptions)
            } catch {
                throw Auditor.ReportNotWritten(underlying: error)
            }
            return AuditRow(run: run, outcome: written, displayPath: job.displayPath, date: Auditor.isoDate(ofNewest: job.inputs))
        }
        let roots = Set(options.roots)
        var result = Result(index: outcome.index, redone: outcome.redone, skipped: discovery.skipped, problems: discovery.problems,
                            indexFiles: [], unreadableRoots: discovery.problems.filter { roots.contains($0.path) }, discovered: all.count)
        if let shard = options.shard {
            result.indexFiles = [try writeShardIndex(shard, jobs: jobs, rows: outcome.rows, all: all, result: result, options: options)]
        } else {
            result.indexFiles = try writeIndex(outcome.index, problems: discovery.problems, to: options.output, options: options.report)
        }
        return result
    }

    /// An output folder that is an archive given, or holds one, would hide it: discovery skips a
    /// folder holding an audit's manifest, so after `audit a/run --output a` neither `audit a` nor
    /// `inspect a` would find any run in `a`. A folder inside an archive, beside its runs, is fine.
    static func refuseOutputHoldingAnInput(_ options: Options) throws {
        let output = AtomicFile.resolved(options.output)
        let prefix = output.hasSuffix("/") ? output : output + "/"
        for root in options.roots {
            let input = AtomicFile.resolved(root)
            if input == output || input.hasPrefix(prefix) {
                throw ReportError.outputHoldsInput(output: options.output, input: root)
            }
        }
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
        place(of: location, roots: roots).path
    }

    /// The root (standardized) that `location` lies under, and `location` relative to it; no root and
    /// the standardized path when it lies under none.
    static func place(of location: String, roots: [String]) -> (root: String?, path: String) {
        let standard = (location as NSString).standardizingPath
        for root in roots {
            let base = (root as NSString).standardizingPath
            if standard == base { return (base, (base as NSString).lastPathComponent) }
            let prefix = base.hasSuffix("/") ? base : base + "/"
            if standard.hasPrefix(prefix) { return (base, String(standard.dropFirst(prefix.count))) }
        }
        return (nil, standard)
    }
}
