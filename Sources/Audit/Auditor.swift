import Foundation
import Reports
import RunModel

/// Reports every job of an archive on `jobs` threads, reusing the last audit's results for runs whose
/// inputs did not change, and returns the index. One broken run becomes a row with its error; the
/// audit goes on.
public struct Auditor: Sendable {
    /// Writes one run's report into the given folder and returns its index row; throws when the run
    /// cannot be read.
    public typealias ReportRun = @Sendable (_ job: AuditJob, _ reportFolder: URL) throws -> AuditRow

    public var output: URL
    /// The report settings (formats, x axis, page size, diagnostics thresholds) as text: reports
    /// written with other settings are not reused.
    public var settings: [String]
    public var jobs: Int
    public var force: Bool

    public init(output: URL, settings: [String], jobs: Int, force: Bool) {
        self.output = output
        self.settings = settings
        self.jobs = jobs
        self.force = force
    }

    public struct Outcome: Sendable {
        public var index: AuditIndex
        /// How many runs were reported anew (the rest were unchanged since the last audit).
        public var redone: Int
    }

    public func run(_ jobs: [AuditJob], progress: ProgressReporter, report: @escaping ReportRun) throws -> Outcome {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let previous = force ? nil : AuditManifest.load(from: output).flatMap { m in
            m.toolVersion == TrainReportVersion.current && m.settings == settings ? m : nil
        }
        let output = self.output
        let results: [(entry: AuditManifest.Entry, redone: Bool)] = WorkerPool.map(count: jobs.count, jobs: self.jobs) { i in
            let job = jobs[i]
            let stamps = AuditManifest.stamps(of: job.inputs) ?? []
            if let old = previous?.entries[job.reportDir], old.inputs == stamps,
               old.row.reportDir == nil || (old.row.reportDir == job.reportDir && Auditor.exists(output, job.reportDir)) {
                progress.finished(name: job.name, status: old.row.verdict, reused: true)
                return (old, false)
            }
            let row = Auditor.reportOne(job, output: output, report: report)
            progress.finished(name: job.name, status: row.verdict, reused: false)
            return (AuditManifest.Entry(inputs: stamps, row: row), true)
        }
        var manifest = AuditManifest(settings: settings)
        for (job, result) in zip(jobs, results) { manifest.entries[job.reportDir] = result.entry }
        try AtomicFile.write(Array(manifest.encoded()), to: output.appendingPathComponent(AuditManifest.fileName).path)
        return Outcome(index: AuditIndex(rows: results.map(\.entry.row)), redone: results.filter(\.redone).count)
    }

    static func reportOne(_ job: AuditJob, output: URL, report: ReportRun) -> AuditRow {
        let folder = output.appendingPathComponent(job.reportDir, isDirectory: true)
        do {
            var row = try report(job, folder)
            row.reportDir = job.reportDir
            return row
        } catch {
            return AuditRow(name: job.name, path: job.displayPath, date: Auditor.isoDate(ofNewest: job.inputs),
                            format: "", verdict: "error", verdictReason: "could not be read",
                            error: String(describing: error))
        }
    }

    static func exists(_ output: URL, _ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(folder).path)
    }

    /// Modification time of the newest file, as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func isoDate(ofNewest paths: [String]) -> String {
        let dates = paths.compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date }
        guard let newest = dates.max() else { return "" }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: newest)
    }
}
