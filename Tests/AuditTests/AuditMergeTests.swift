import Foundation
import TestSupport
import Testing
@testable import Audit
import Reports

/// `audit --shard K/N` on several machines, then `audit --merge`: the same index as one machine,
/// refusals when shards are missing or differ, and per-run state that survives a change of N.
@Suite struct AuditMergeTests {
    static let indexFiles = ["index.html", "index.csv", "index.json", "index.pdf"]

    static func options(_ roots: [URL], out: URL, shard: ShardSpec? = nil, formats: String = "json,html") throws -> ArchiveAudit.Options {
        var options = try ArchiveAuditTests.options(roots[0], out: out, formats: formats)
        options.roots = roots.map(\.path)
        options.shard = shard
        return options
    }

    /// Runs every shard of `count` into `out` and returns how many runs each redid.
    @discardableResult
    static func shards(_ roots: [URL], out: URL, count: Int, formats: String = "json,html") throws -> [Int] {
        try (0..<count).map { k in
            try ArchiveAudit.run(options(roots, out: out, shard: ShardSpec(index: k, count: count), formats: formats),
                                 progress: ArchiveAuditTests.quiet).redone
        }
    }

    /// Every file under `folder` except the audit's own state, by relative path.
    static func files(in folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let name = walker?.nextObject() as? String {
            if name.hasPrefix(".trainreport") { continue }
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path), (walker?.fileAttributes?[.type] as? FileAttributeType) == .typeRegular {
                out[name] = data
            }
        }
        return out
    }

    static func scratch(_ name: String) throws -> URL { try TemporaryDirectory.make(name) }

    @Test func theMergedIndexIsByteForByteTheOneMachineIndex() throws {
        let root = try ArchiveAuditTests.makeArchive()
        let work = try Self.scratch("merge")
        defer { for url in [root, work] { try? FileManager.default.removeItem(at: url) } }
        let single = work.appendingPathComponent("single"), sharded = work.appendingPathComponent("sharded")
        let one = try ArchiveAudit.run(Self.options([root], out: single, formats: "json,html,pdf"), progress: ArchiveAuditTests.quiet)
        try Self.shards([root], out: sharded, count: 3, formats: "json,html,pdf")
        let merged = try AuditMerge.run(directory: sharded.path)
        #expect(merged.exitCode(failOn: nil) == one.exitCode(failOn: nil))
        #expect(merged.exitCode(failOn: .warning) == one.exitCode(failOn: .warning))
        #expect(merged.index == one.index)
        let a = Self.files(in: single), b = Self.files(in: sharded)
        #expect(a.keys.sorted() == b.keys.sorted(), "the same report files")
        for name in Self.indexFiles + a.keys.filter({ $0.hasSuffix("report.json") || $0.hasSuffix("report.pdf") }) {
            #expect(a[name] != nil && a[name] == b[name], "\(name) differs")
        }
        #expect(MergeSummary.text(merged, directory: sharded.path).contains("missing shards: none"))
    }

    @Test func aMissingShardIsNamedExitsTwoAndWritesNoIndex() throws {
        let root = try ArchiveAuditTests.makeArchive()
        let out = try Self.scratch("merge-missing")
        defer { for url in [root, out] { try? FileManager.default.removeItem(at: url) } }
        for k in [0, 2] { _ = try ArchiveAudit.run(Self.options([root], out: out, shard: ShardSpec(index: k, count: 3)), progress: ArchiveAuditTests.quiet) }
        let merged = try AuditMerge.run(directory: out.path)
        #expect(merged.missing == [1])
        #expect(merged.exitCode(failOn: nil) == 2)
        #expect(merged.result == nil)
        for name in Self.indexFiles { #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)") }
        let summary = MergeSummary.text(merged, directory: out.path)
        #expect(summary.contains("missing shards: 1/3"), "\(summary)")
        #expect(summary.contains("--shard 1/3"), "\(summary)")
    }

    /// A shard killed mid-way (node lost, time limit) leaves its journal: it counts as failed, even
    /// when an earlier run of it had finished.
    @Test func aShardThatDidNotFinishCountsAsFailed() throws {
        let root = try ArchiveAuditTests.makeArchive()
        let out = try Self.scratch("merge-failed")
        defer { for url in [root, out] { try? FileManager.default.removeItem(at: url) } }
        try Self.shards([root], out: out, count: 2)
        let journal = AuditStateLayout(output: out).shardJournal(try ShardSpec(index: 1, count: 2))
        try Data("{}\n".utf8).write(to: journal)
        let merged = try AuditMerge.run(directory: out.path)
        #expect(merged.failed.map(\.shard) == [1])
        #expect(merged.exitCode(failOn: nil) == 2)
        #expect(MergeSummary.text(merged, directory: out.path).contains("failed shards: 1/2"))
    }

    @Test func shardsMadeWithOtherSettingsAreRefused() throws {
        let root = try ArchiveAuditTests.makeArchive()
        let out = try Self.scratch("merge-settings")
        defer { for url in [root, out] { try? FileManager.default.removeItem(at: url) } }
        _ = try ArchiveAudit.run(Self.options([root], out: out, shard: ShardSpec(index: 0, count: 2), formats: "json,html"), progress: ArchiveAuditTests.quiet)
        _ = try ArchiveAudit.run(Self.options([root], out: out, shard: ShardSpec(index: 1, count: 2), formats: "json"), progress: ArchiveAuditTests.quiet)
        let merged = try AuditMerge.run(directory: out.path)
        #expect(merged.exitCode(failOn: nil) == 2)
        #expect(merged.refusals.count == 1)
        #expect(merged.refusals.first?.contains("shard 1/2 was made with other settings than shard 0/2") == true, "\(merged.refusals)")
        #expect(merged.refusals.first?.contains("formats=html,json vs formats=json") == true, "\(merged.refusals)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
    }

    @Test func aShardOfAnotherToolVersionIsRefused() throws {
        let root = try ArchiveAuditTests.makeArchive()
        let out = try Self.scratch("merge-version")
        defer { for url in [root, out] { try? FileManager.default.removeItem(at: url) } }
        try Self.shards([root], out: out, count: 2)
        let url = AuditStateLayout(output: out).shardIndex(try ShardSpec(index: 1, count: 2))
        var index = try ShardIndex.read(url)
        index.toolVersion = "0.0.1"
        try index.write(to: url)
        let merged = try AuditMerge.run(directory: out.path)
        #expect(merged.exitCode(failOn: nil) == 2)
        #expect(merged.refusals.contains { $0.contains("shard 1/2 was made by trainreport 0.0.1") }, "\(merged.refusals)")
    }

    /// State is kept per run: after 2 shards, 3 shards (or one machine) redo nothing, and the merge is unchanged.
    @Test func changingTheNumberOfShardsRedoesNothingThatIsUpToDate() throws {
        let root = try ArchiveAuditTests.makeArchive()
        let out = try Self.scratch("merge-n")
        defer { for url in [root, out] { try? FileManager.default.removeItem(at: url) } }
        #expect(try Self.shards([root], out: out, count: 2).reduce(0, +) == 5)
        _ = try AuditMerge.run(directory: out.path)
        let before = Self.files(in: out)
        #expect(try Self.shards([root], out: out, count: 3) == [0, 0, 0])
        let merged = try AuditMerge.run(directory: out.path)
        #expect(merged.shardCount == 3)
        #expect(merged.notes.contains { $0.contains("earlier audit with 2 shards") }, "\(merged.notes)")
        #expect(Self.files(in: out) == before)
        #expect(try ArchiveAudit.run(Self.options([root], out: out), progress: ArchiveAuditTests.quiet).redone == 0,
                "a one-machine audit into the same folder reuses the shards' runs too")
    }

    @Test func aRerunOfAShardRedoesOnlyItsChangedRun() throws {
        let root = try ArchiveAuditTests.makeArchive()
        let out = try Self.scratch("merge-rerun")
        defer { for url in [root, out] { try? FileManager.default.removeItem(at: url) } }
        try Self.shards([root], out: out, count: 2)
        let log = root.appendingPathComponent("team-b/2026/logs/metrics.jsonl")
        try (String(contentsOf: log, encoding: .utf8) + "{\"step\": 310, \"loss\": 1.4}\n").write(to: log, atomically: true, encoding: .utf8)
        let redone = try Self.shards([root], out: out, count: 2)
        #expect(redone.sorted() == [0, 1])
        let merged = try AuditMerge.run(directory: out.path)
        #expect(merged.index.rows.first { $0.path.hasSuffix("metrics.jsonl") }?.steps == 310)
    }

    /// The same run path under two archive roots: two rows, two folders, whichever shards hold them.
    @Test func twoRootsWithTheSamePathsNeverShareAFolder() throws {
        let work = try Self.scratch("merge-roots")
        defer { try? FileManager.default.removeItem(at: work) }
        var roots: [URL] = []
        for team in ["team-a", "team-b"] {
            let root = work.appendingPathComponent(team)
            for i in 0..<4 {
                let file = root.appendingPathComponent("run\(i)/metrics.jsonl")
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data("{\"step\": 1, \"loss\": \(i + 1).0}\n{\"step\": 2, \"loss\": \(i).5}\n".utf8).write(to: file)
            }
            roots.append(root)
        }
        let single = work.appendingPathComponent("single"), sharded = work.appendingPathComponent("sharded")
        let one = try ArchiveAudit.run(Self.options(roots, out: single), progress: ArchiveAuditTests.quiet)
        let folders = one.index.rows.compactMap(\.reportDir)
        #expect(folders.count == 8)
        #expect(Set(folders.map { $0.lowercased() }).count == 8)
        try Self.shards(roots, out: sharded, count: 3)
        let merged = try AuditMerge.run(directory: sharded.path)
        #expect(merged.refusals.isEmpty, "\(merged.refusals)")
        let a = Self.files(in: single), b = Self.files(in: sharded)
        for name in Self.indexFiles { #expect(a[name] == b[name], "\(name) differs") }
        #expect(a.keys.sorted() == b.keys.sorted())
    }

    @Test func aFolderWithoutShardsIsAClearError() throws {
        let out = try Self.scratch("merge-empty")
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(throws: AuditMergeError.self) { try AuditMerge.run(directory: out.path) }
    }
}
