/// Which shard reports which run: `StableHash(key) mod N`, so the same run lands in the same shard on
/// every machine and in every listing order, and the N shards partition the runs.
public enum ShardAssignment {
    public static func shard(ofKey key: String, count: Int) -> Int {
        Int(StableHash.of(key) % UInt64(max(1, count)))
    }

    /// The jobs shard `spec` reports, in their order.
    public static func jobs(_ jobs: [AuditJob], for spec: ShardSpec) -> [AuditJob] {
        jobs.filter { shard(ofKey: $0.key, count: spec.count) == spec.index }
    }
}
