import Foundation
import TestSupport
import Testing
@testable import Audit

/// An audit that dies (kill -9, a full disk, a run that crashes the process) must lose only what was
/// in flight, and a run that crashes it must not crash every rerun.
@Suite struct AuditResumeTests {
    func makeArchive(_ count: Int) throws -> (root: URL, jobs: [AuditJob]) {
        let root = try TemporaryDirectory.make("resume")
        var jobs: [AuditJob] = []
        for i in 0..<count {
            let file = root.appendingPathComponent("arch/run\(i).jsonl")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("{\"step\": 1, \"loss\": \(i)}\n".utf8).write(to: file)
            jobs.append(AuditJob(name: "run\(i)", path: file.path, displayPath: "run\(i).jsonl", inputs: [file.path], reportDir: "run\(i)"))
        }
        return (root, jobs)
    }

    /// The runs a report closure was called for, in order.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String] = []
        func append(_ name: String) { lock.lock(); names.append(name); lock.unlock() }
        func reset() { lock.lock(); names = []; lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return names }
    }

    /// Writes `report.html` and `charts/loss.png` and records the call.
    func writing(_ calls: Calls) -> Auditor.ReportRun {
        { job, folder in
            calls.append(job.name)
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("charts"), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: folder.appendingPathComponent("report.html"))
            try Data("x".utf8).write(to: folder.appendingPathComponent("charts/loss.png"))
            return AuditRow(name: job.name, path: job.displayPath, date: "", format: "jsonl", verdict: "healthy")
        }
    }

    let settings = ["formats=html"]

    @Test func aKilledAuditResumesFromItsJournalAndTheRunInFlightAloneBecomesAnErrorRow() throws {
        let (root, jobs) = try makeArchive(4)
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        // What an audit killed mid-way leaves: run0 done, run1 in flight alone (it killed the process).
        let calls = Calls()
        let row0 = try writing(calls)(jobs[0], out.appendingPathComponent("run0"))
        var finished = row0
        finished.reportDir = "run0"
        let killed = try AuditJournal(directory: out, settings: settings, carried: [:])
        killed.done("run0", AuditManifest.Entry(inputs: AuditManifest.stamps(of: jobs[0].inputs, run: jobs[0].path)!, row: finished,
                                                outputs: ["charts/loss.png", "report.html"]))
        killed.started("run1", solo: true)
        calls.reset()

        let outcome = try Auditor(output: out, settings: settings, jobs: 2, force: false)
            .run(jobs, progress: ProgressReporter(style: .quiet, total: 4), report: writing(calls))
        #expect(calls.all.sorted() == ["run2", "run3"], "run0 is reused, run1 is not tried again")
        #expect(outcome.index.rows.map(\.verdict) == ["healthy", "error", "healthy", "healthy"])
        #expect(outcome.index.rows[1].error?.contains("died while reporting this run") == true)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(AuditJournal.fileName).path), "the manifest replaces the journal")
        // The crash is remembered until the run's files change (or --force).
        let again = try Auditor(output: out, settings: settings, jobs: 2, force: false)
            .run(jobs, progress: ProgressReporter(style: .quiet, total: 4), report: writing(calls))
        #expect(again.redone == 0)
        let forced = try Auditor(output: out, settings: settings, jobs: 2, force: true)
            .run(jobs, progress: ProgressReporter(style: .quiet, total: 4), report: writing(calls))
        #expect(forced.index.rows.allSatisfy { $0.verdict == "healthy" })
    }

    @Test func runsInFlightWithOthersAreSuspectsReportedAgainNotErrors() throws {
        let (root, jobs) = try makeArchive(3)
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let killed = try AuditJournal(directory: out, settings: settings, carried: [:])
        killed.started("run0", solo: false)
        killed.started("run1", solo: false)
        let left = try #require(AuditJournal.load(from: out, settings: settings))
        #expect(left.suspects == ["run0", "run1"])
        #expect(left.crashed.isEmpty)
        #expect(AuditJournal.load(from: out, settings: ["formats=pdf"]) == nil, "other settings: the journal is not used")
        let calls = Calls()
        let outcome = try Auditor(output: out, settings: settings, jobs: 3, force: false)
            .run(jobs, progress: ProgressReporter(style: .quiet, total: 3), report: writing(calls))
        #expect(outcome.index.rows.allSatisfy { $0.verdict == "healthy" })
        #expect(Array(calls.all.prefix(2)) == ["run0", "run1"], "suspects go first, one at a time")
    }

    @Test func aTornLastJournalLineIsIgnored() throws {
        let out = try TemporaryDirectory.make("torn")
        defer { try? FileManager.default.removeItem(at: out) }
        let journal = try AuditJournal(directory: out, settings: settings, carried: [:])
        journal.started("a", solo: true)
        let handle = try FileHandle(forWritingTo: out.appendingPathComponent(AuditJournal.fileName))
        handle.seekToEndOfFile()
        handle.write(Data("{\"done\":\"a\",\"entry\":{\"inp".utf8))
        try handle.close()
        #expect(AuditJournal.load(from: out, settings: settings)?.crashed == ["a"])
    }

    @Test func aDeletedReportFileInsideAReportFolderIsRegenerated() throws {
        let (root, jobs) = try makeArchive(2)
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let calls = Calls()
        let auditor = Auditor(output: out, settings: settings, jobs: 1, force: false)
        _ = try auditor.run(jobs, progress: ProgressReporter(style: .quiet, total: 2), report: writing(calls))
        try FileManager.default.removeItem(at: out.appendingPathComponent("run1/charts"))
        let second = try auditor.run(jobs, progress: ProgressReporter(style: .quiet, total: 2), report: writing(calls))
        #expect(second.redone == 1)
        try FileManager.default.removeItem(at: out.appendingPathComponent("run0/report.html"))
        let third = try auditor.run(jobs, progress: ProgressReporter(style: .quiet, total: 2), report: writing(calls))
        #expect(third.redone == 1)
        #expect(calls.all == ["run0", "run1", "run1", "run0"])
    }

    @Test func theManifestIsKeyedByCanonicalPathsSoAnotherSpellingOfTheArchiveRedoesNothing() throws {
        let (root, jobs) = try makeArchive(2)
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let calls = Calls()
        let auditor = Auditor(output: out, settings: settings, jobs: 1, force: false)
        _ = try auditor.run(jobs, progress: ProgressReporter(style: .quiet, total: 2), report: writing(calls))
        // The same runs reached as `root/./arch/../arch/runN.jsonl` and through a symlink to the archive.
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link"), withDestinationURL: root.appendingPathComponent("arch"))
        for spelling in ["/./arch/../arch/", "/link/"] {
            let respelled = jobs.map { job in
                var j = job
                j.path = root.path + spelling + (job.path as NSString).lastPathComponent
                j.inputs = [j.path]
                return j
            }
            let again = try auditor.run(respelled, progress: ProgressReporter(style: .quiet, total: 2), report: writing(calls))
            #expect(again.redone == 0, "\(spelling)")
        }
    }
}
