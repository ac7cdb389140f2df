import Foundation
import Synchronization
import TestSupport
import Testing
@testable import Audit

@Suite struct AuditorTests {
    /// A scratch archive with `count` one-file runs.
    func makeArchive(_ count: Int) throws -> (root: URL, jobs: [AuditJob]) {
        let root = try TemporaryDirectory.make("audit")
        var jobs: [AuditJob] = []
        for i in 0..<count {
            let file = root.appendingPathComponent("run\(i).jsonl")
            try Data("{\"step\": 1, \"loss\": \(i)}\n".utf8).write(to: file)
            jobs.append(AuditJob(name: "run\(i)", path: file.path, displayPath: "run\(i).jsonl", inputs: [file.path], reportDir: "run\(i)"))
        }
        return (root, jobs)
    }

    let fakeReport: Auditor.ReportRun = { job, folder in
        if job.name == "run1" { throw CocoaError(.fileReadCorruptFile) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return AuditRow(name: job.name, path: job.displayPath, date: "", format: "jsonl", verdict: "healthy")
    }

    @Test func aBrokenRunBecomesAnErrorRowAndTheAuditGoesOn() throws {
        let (root, jobs) = try makeArchive(4)
        let outcome = try Auditor(output: root.appendingPathComponent("out"), settings: ["formats=json"], jobs: 2, force: false)
            .run(jobs, progress: ProgressReporter(style: .quiet, total: 4), report: fakeReport)
        #expect(outcome.index.rows.map(\.verdict) == ["healthy", "error", "healthy", "healthy"])
        #expect(outcome.index.rows[1].error?.isEmpty == false)
    }

    @Test func aRerunRedoesOnlyChangedRuns() throws {
        let (root, jobs) = try makeArchive(3)
        let out = root.appendingPathComponent("out")
        let calls = Mutex(0)
        let counting: Auditor.ReportRun = { job, folder in
            calls.withLock { $0 += 1 }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return AuditRow(name: job.name, path: job.displayPath, date: "", format: "jsonl", verdict: "healthy")
        }
        let auditor = Auditor(output: out, settings: ["formats=json"], jobs: 2, force: false)
        _ = try auditor.run(jobs, progress: ProgressReporter(style: .quiet, total: 3), report: counting)
        #expect(calls.withLock { $0 } == 3)
        try Data("{\"step\": 1, \"loss\": 9}\n{\"step\": 2, \"loss\": 8}\n".utf8).write(to: URL(fileURLWithPath: jobs[2].path))
        let second = try auditor.run(jobs, progress: ProgressReporter(style: .quiet, total: 3), report: counting)
        #expect(second.redone == 1)
        #expect(calls.withLock { $0 } == 4)
        let forced = try Auditor(output: out, settings: ["formats=json"], jobs: 2, force: true)
            .run(jobs, progress: ProgressReporter(style: .quiet, total: 3), report: counting)
        #expect(forced.redone == 3)
        try FileManager.default.removeItem(at: out.appendingPathComponent("run0"))
        let afterDelete = try auditor.run(jobs, progress: ProgressReporter(style: .quiet, total: 3), report: counting)
        #expect(afterDelete.redone == 1, "a run whose report folder was deleted is reported again")
    }

    @Test func parallelAndSerialAuditsWriteTheSameIndex() throws {
        let (root, jobs) = try makeArchive(7)
        let parallel = try Auditor(output: root.appendingPathComponent("a"), settings: ["formats=json"], jobs: 4, force: true)
            .run(jobs, progress: ProgressReporter(style: .quiet, total: 7), report: fakeReport)
        let serial = try Auditor(output: root.appendingPathComponent("b"), settings: ["formats=json"], jobs: 1, force: true)
            .run(jobs, progress: ProgressReporter(style: .quiet, total: 7), report: fakeReport)
        #expect(parallel.index.csv() == serial.index.csv())
        #expect(parallel.index.json() == serial.index.json())
    }

    @Test func progressLinesNameEachRunWhenNotATerminal() {
        let lines = Mutex<[String]>([])
        let progress = ProgressReporter(style: .lines, total: 2) { text in lines.withLock { $0.append(text) } }
        progress.finished(name: "a", status: "healthy", reused: false)
        progress.finished(name: "b", status: "failed", reused: true)
        #expect(lines.withLock { $0 } == ["[1/2] a: healthy\n", "[2/2] b: failed (unchanged)\n"])
    }

    @Test func progressBarShowsCountRateAndETA() {
        let line = ProgressReporter.barLine(done: 5, total: 10, elapsed: 2.5, width: 10)
        #expect(line == "[#####.....] 5/10  2.0 runs/s  ETA 3s")
    }
}
