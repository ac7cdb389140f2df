/// Which part of an archive one process audits: shard `index` of `count` (`--shard K/N`, K from 0 to
/// N-1, as Slurm array task ids `0-(N-1)` and Kubernetes' `JOB_COMPLETION_INDEX` count).
public struct ShardSpec: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw ShardSpecError("the shard count N in --shard K/N must be at least 1") }
        guard (0..<count).contains(index) else {
            throw ShardSpecError("--shard \(index)/\(count): K counts from 0 to N-1 (here 0 to \(count - 1)); "
                + "a Slurm array for N shards is --array=0-\(count - 1)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0].trimmingWhitespace), let n = Int(parts[1].trimmingWhitespace) else {
            throw ShardSpecError("--shard '\(text)': expected K/N, e.g. 0/4 for the first of four shards")
        }
        try self.init(index: k, count: n)
    }

    /// `2/4`
    public var description: String { "\(index)/\(count)" }

    /// `2-of-4`: the stem of this shard's files in the state folder.
    var fileStem: String { "\(index)-of-\(count)" }
}

public struct ShardSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }
}

extension Substring {
    fileprivate var trimmingWhitespace: Substring {
        var s = self
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return s
    }
}
