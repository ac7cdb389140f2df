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
    /// Nil for a one-machine audit, whose state is the manifest (`.trainreport-audit.json`, written at
    /// the end). Shard K of N keeps each finished run's state in its own file (`RunState`) and its own
    /// journal; its caller writes the shard's index, then removes the journal.
    public var shard: ShardSpec?

    public init(output: URL, settings: [String], jobs: Int, force: Bool, shard: ShardSpec? = nil) {
        self.output = output
        self.settings = settings
        self.jobs = jobs
        self.force = force
        self.shard = shard
    }

    public struct Outcome: Sendable {
        public var index: AuditIndex
        /// How many runs were reported anew (the rest were unchanged since the last audit).
        public var redone: Int
        /// The rows in the order of the jobs given (`index` sorts them by path).
        public var rows: [AuditRow]
    }

    public func run(_ jobs: [AuditJob], progress: ProgressReporter, report: @escaping ReportRun) throws -> Outcome {
        let output = self.output, settings = self.settings
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let layout = AuditStateLayout(output: output)
        if shard != nil { try layout.make() }
        let manifest = force ? nil : AuditManifest.load(from: output).flatMap { m in
            m.toolVersion == TrainReportVersion.current && m.settings == settings ? m : nil
        }
        // An audit into `output` that died before writing its manifest left a journal: its finished
        // runs are reused, its runs in flight are suspects, and a run in flight alone killed it.
        let journalFile = shard.map(layout.shardJournal) ?? output.appendingPathComponent(AuditJournal.fileName)
        let left = force ? AuditJournal.Left() : AuditJournal.load(file: journalFile, settings: settings) ?? AuditJournal.Left()
        let journal = try AuditJournal(file: journalFile, settings: settings, carried: left.entries)
        // Runs reported by shards (of any N) into this folder: each run's own state file.
        let runStates = !force && FileManager.default.fileExists(atPath: layout.runs.path)
        let keepsRunState = shard != nil
        let one: @Sendable (Int, Bool) -> (entry: AuditManifest.Entry, redone: Bool) = { i, solo in
            let job = jobs[i]
            let stamps = AuditManifest.stamps(of: job.inputs, run: job.path) ?? []
            let valid = { (old: AuditManifest.Entry) in old.inputs == stamps && Auditor.reusable(old, job: job, output: output) }
            let stored = runStates ? RunState.load(job.reportDir, layout: layout, settings: settings).flatMap { valid($0) ? $0 : nil } : nil
            if let old = stored ?? [left.entries[job.reportDir], manifest?.entries[job.reportDir]].lazy.compactMap({ $0 }).first(where: valid) {
                if keepsRunState && stored == nil { try? RunState.save(old, for: job.reportDir, layout: layout, settings: settings) }
                progress.finished(name: job.name, status: old.row.verdict, reused: true)
                return (old, false)
            }
            let entry: AuditManifest.Entry
            if left.crashed.contains(job.reportDir) {
                entry = AuditManifest.Entry(inputs: stamps, row: Auditor.crashedRow(job))
            } else {
                journal.started(job.reportDir, solo: solo)
                let row = Auditor.reportOne(job, output: output, report: report)
                let outputs = row.reportDir.map { AuditManifest.outputs(in: output.appendingPathComponent($0, isDirectory: true)) }
                entry = AuditManifest.Entry(inputs: stamps, row: row, outputs: outputs)
            }
            // The run's own state first: a shard killed now loses nothing it finished.
            if keepsRunState { try? RunState.save(entry, for: job.reportDir, layout: layout, settings: settings) }
            journal.done(job.reportDir, entry)
            progress.finished(name: job.name, status: entry.row.verdict, reused: false)
            return (entry, true)
        }
        // Suspects first, one at a time, so that a run that crashes the process is caught alone.
        let suspects = jobs.indices.filter { left.suspects.contains(jobs[$0].reportDir) }
        let rest = jobs.indices.filter { !left.suspects.contains(jobs[$0].reportDir) }
        var results = [(entry: AuditManifest.Entry, redone: Bool)?](repeating: nil, count: jobs.count)
        for i in suspects { results[i] = one(i, true) }
        let solo = self.jobs == 1
        for (i, result) in zip(rest, WorkerPool.map(count: rest.count, jobs: self.jobs) { one(rest[$0], solo) }) {
            results[i] = result
        }
        let done = results.compactMap { $0 }
        if shard == nil {
            var manifestNow = AuditManifest(settings: settings)
            for (job, result) in zip(jobs, done) { manifestNow.entries[job.reportDir] = result.entry }
            try AtomicFile.write(Array(manifestNow.encoded()), to: output.appendingPathComponent(AuditManifest.fileName).path)
            AuditJournal.remove(in: output)
        }
        let rows = done.map(\.entry.row)
        return Outcome(index: AuditIndex(rows: rows), redone: done.filter(\.redone).count, rows: rows)
    }

    /// Whether a finished run's report can be reused: an error row when its inputs are unchanged
    /// (but not a report that could not be written: the folder may be writable now);
    /// a report when its folder still holds every file it was written with.
    static func reusable(_ old: AuditManifest.Entry, job: AuditJob, output: URL) -> Bool {
        if old.row.verdictReason == AuditRow.unwritableReason { return false }
        guard let dir = old.row.reportDir else { return true }
        guard dir == job.reportDir, exists(output, dir) else { return false }
        let folder = output.appendingPathComponent(dir, isDirectory: true)
        return (old.outputs ?? []).allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }

    /// The row of a run that killed an earlier audit into this folder (found by `AuditJournal`).
    static func crashedRow(_ job: AuditJob) -> AuditRow {
        AuditRow(name: job.name, path: job.displayPath, date: Auditor.isoDate(ofNewest: job.inputs), format: "",
                 verdict: "error", verdictReason: "crashed the audit",
                 error: "\(job.path): trainreport died while reporting this run (a crash, or the process was killed); "
                     + "it is skipped until its files change (--force tries again). Please report it as a bug.")
    }

    static func reportOne(_ job: AuditJob, output: URL, report: ReportRun) -> AuditRow {
        let folder = output.appendingPathComponent(job.reportDir, isDirectory: true)
        do {
            var row = try report(job, folder)
            row.reportDir = job.reportDir
            return row
        } catch let failure as ReportNotWritten {
            return AuditRow(name: job.name, path: job.displayPath, date: Auditor.isoDate(ofNewest: job.inputs),
                            format: "", verdict: "error", verdictReason: AuditRow.unwritableReason,
                            error: String(describing: failure.underlying))
        } catch {
            return AuditRow(name: job.name, path: job.displayPath, date: Auditor.isoDate(ofNewest: job.inputs),
                            format: "", verdict: "error", verdictReason: "could not be read",
                            error: String(describing: error))
        }
    }

    /// Thrown by a `ReportRun` when the run was read but its report could not be written (a folder
    /// that cannot be written, a full disk): an environment failure, not a property of the run.
    public struct ReportNotWritten: Error, Sendable {
        public var underlying: any Error

        public init(underlying: any Error) { self.underlying = underlying }
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
