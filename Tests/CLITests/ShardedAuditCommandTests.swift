import Foundation
import TestSupport
import Testing

/// `audit --shard K/N` and `audit --merge DIR` as a scheduler runs them: separate processes into one
/// output folder, then the merge, its summary table and its exit statuses.
@Suite struct ShardedAuditCommandTests {
    static func run(_ arguments: [String]) throws -> CommandLineContractTests.Output {
        try CommandLineContractTests.run(arguments)
    }

    /// An archive of `count` small JSONL runs in two team folders.
    static func archive(_ root: String, count: Int) throws {
        for i in 0..<count {
            let path = root + "/team\(i % 2)/run\(i).jsonl"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data("{\"step\": 1, \"loss\": \(2 + i)}\n{\"step\": 2, \"loss\": \(1 + i)}\n".utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    @Test func shardsInSeparateProcessesMergeIntoTheOneMachineIndex() throws {
        let root = CommandLineContractTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.archive(root + "/arch", count: 12)
        let single = try Self.run(["audit", root + "/arch", "-o", root + "/single", "--format", "json", "--quiet"])
        #expect(single.status == 0, "\(single.stderr)")
        for k in 0..<3 {
            let shard = try Self.run(["audit", root + "/arch", "-o", root + "/sharded", "--format", "json", "--shard", "\(k)/3"])
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(shard.stderr.contains("shard \(k)/3: "), "\(shard.stderr)")
            #expect(!FileManager.default.fileExists(atPath: root + "/sharded/index.html"), "a shard writes no index")
        }
        let merge = try Self.run(["audit", "--merge", root + "/sharded"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("shards: 3 of 3 finished"), "\(merge.stdout)")
        #expect(merge.stdout.contains("total           12"), "\(merge.stdout)")
        #expect(merge.stdout.contains("missing shards: none"), "\(merge.stdout)")
        for name in ["index.html", "index.csv", "index.json", "index.pdf"] {
            #expect(FileManager.default.contents(atPath: root + "/single/" + name) == FileManager.default.contents(atPath: root + "/sharded/" + name),
                    "\(name) differs")
        }
        #expect(try Self.run(["audit", "--merge", root + "/sharded", "--fail-on", "warning"]).status == 1, "--fail-on applies to the merged runs")
    }

    @Test func aMergeWithAShardMissingExitsTwoAndNamesIt() throws {
        let root = CommandLineContractTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.archive(root + "/arch", count: 6)
        #expect(try Self.run(["audit", root + "/arch", "-o", root + "/out", "--format", "json", "--quiet", "--shard", "1/2"]).status == 0)
        let merge = try Self.run(["audit", "--merge", root + "/out"])
        #expect(merge.status == 2)
        #expect(merge.stdout.contains("missing shards: 0/2"), "\(merge.stdout)")
        #expect(merge.stdout.contains("index: not written"), "\(merge.stdout)")
    }

    @Test func shardAndMergeOptionsAreCheckedWithExitStatusTwo() throws {
        let root = CommandLineContractTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outOfRange = try Self.run(["audit", "SampleRuns/hf-no-eval", "-o", root, "--shard", "2/2"])
        #expect(outOfRange.status == 2)
        #expect(outOfRange.stderr.contains("K counts from 0 to N-1"), "\(outOfRange.stderr)")
        #expect(try Self.run(["audit", "SampleRuns/hf-no-eval", "-o", root, "--shard", "two"]).status == 2)
        let mixed = try Self.run(["audit", "SampleRuns/hf-no-eval", "--merge", root])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("--merge DIR takes no archive"), "\(mixed.stderr)")
        let nothing = try Self.run(["audit", "--merge", root])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("holds no shard"), "\(nothing.stderr)")
        #expect(try Self.run(["audit"]).status == 2)
    }
}
