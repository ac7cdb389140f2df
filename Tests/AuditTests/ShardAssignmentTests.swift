import Testing
@testable import Audit

/// Which shard reports which run: the same on every machine, and the N shards partition the runs.
@Suite struct ShardAssignmentTests {
    static func keys(_ count: Int) -> [String] {
        (0..<count).map { RunKey(root: "", path: "team\($0 % 10)/run-\($0)", name: "run-\($0)").text }
    }

    /// Pinned values (computed independently, in Python): a seeded hash would fail here.
    @Test func theHashIsTheSameInEveryProcess() {
        #expect(StableHash.of("") == 0xefd0_1f60_ba99_2926)
        #expect(StableHash.of("\u{1F}team-a/bert-run\u{1F}bert-run") == 0xc091_a291_1640_ce25)
        #expect(StableHash.shortHex("") == "efd01f60")
    }

    @Test func theSameRunAlwaysLandsInTheSameShardWhateverTheListingOrder() {
        let keys = Self.keys(200)
        let forward = keys.map { ShardAssignment.shard(ofKey: $0, count: 7) }
        let backward = keys.reversed().map { ShardAssignment.shard(ofKey: $0, count: 7) }
        #expect(forward == Array(backward.reversed()))
        #expect(ShardAssignment.shard(ofKey: "\u{1F}team-a/bert-run\u{1F}bert-run", count: 4) == 1)
    }

    @Test func theShardsPartitionTheRunsAndShareThemOutEvenly() throws {
        let jobs = Self.keys(2000).map { AuditJob(name: $0, path: $0, displayPath: $0, inputs: [], reportDir: $0, key: $0) }
        for n in 1...8 {
            let shards = try (0..<n).map { ShardAssignment.jobs(jobs, for: try ShardSpec(index: $0, count: n)) }
            #expect(shards.map(\.count).reduce(0, +) == jobs.count, "every run in exactly one of \(n) shards")
            #expect(Set(shards.flatMap { $0.map(\.key) }).count == jobs.count)
            let expected = Double(jobs.count) / Double(n)
            for shard in shards { #expect(abs(Double(shard.count) - expected) < expected * 0.15, "\(shard.count) of \(jobs.count) in one of \(n)") }
        }
    }

    @Test func shardSpecsCountFromZero() throws {
        #expect(try ShardSpec(parsing: "2/4") == ShardSpec(index: 2, count: 4))
        #expect(try ShardSpec(parsing: " 0 / 1 ").description == "0/1")
        for bad in ["4/4", "-1/4", "0/0", "1", "a/b", "1/2/3", ""] {
            #expect(throws: ShardSpecError.self, "\(bad)") { try ShardSpec(parsing: bad) }
        }
        #expect(throws: ShardSpecError.self) { try ShardSpec(parsing: "4/4") }
    }
}
