import Foundation

/// The shards found in a sharded audit's output folder: which N, which shards finished (their index),
/// which are missing, and which failed (a journal left behind: the shard died, or is still running).
struct ShardSet {
    var count: Int
    var indexes: [Int: ShardIndex] = [:]
    var missing: [Int] = []
    /// Shard number and why it counts as failed.
    var failed: [(shard: Int, reason: String)] = []
    /// Shard files of other shard counts (an earlier audit with another N), passed over.
    var otherCounts: [Int] = []

    /// A file in the shards folder: `K-of-N.json` (an index) or `K-of-N.journal`.
    struct File {
        var shard: Int
        var count: Int
        var isJournal: Bool
        var url: URL
        var modified: Date

        init?(_ url: URL) {
            let name = url.lastPathComponent
            let isJournal = name.hasSuffix(".journal")
            guard isJournal || name.hasSuffix(".json") else { return nil }
            let stem = name.dropLast(isJournal ? 8 : 5).split(separator: "-")
            guard stem.count == 3, stem[1] == "of", let k = Int(stem[0]), let n = Int(stem[2]), n >= 1, (0..<n).contains(k) else { return nil }
            shard = k
            count = n
            self.isJournal = isJournal
            self.url = url
            modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
        }
    }

    /// The shards in `layout`, for the shard count of the newest shard file there.
    static func load(_ layout: AuditStateLayout) throws -> ShardSet {
        let urls = (try? FileManager.default.contentsOfDirectory(at: layout.shards, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        let files = urls.compactMap(File.init)
        guard let newest = files.max(by: { $0.modified < $1.modified }) else {
            throw AuditMergeError("\(layout.output.path) holds no shard of a sharded audit "
                + "(write them with: trainreport audit ARCHIVE... --output \(layout.output.path) --shard K/N)")
        }
        var set = ShardSet(count: newest.count)
        set.otherCounts = Set(files.map(\.count)).subtracting([newest.count]).sorted()
        let ours = files.filter { $0.count == newest.count }
        for k in 0..<newest.count {
            let journal = ours.first { $0.shard == k && $0.isJournal }
            let index = ours.first { $0.shard == k && !$0.isJournal }
            if journal != nil {
                set.failed.append((k, "did not finish: its journal is left (it died, was killed, or is still running)"))
            } else if let index {
                do {
                    set.indexes[k] = try ShardIndex.read(index.url)
                } catch {
                    set.failed.append((k, "\(error)"))
                }
            } else {
                set.missing.append(k)
            }
        }
        return set
    }
}

/// Why `audit --merge` cannot combine the shards (a message naming the folder or file).
public struct AuditMergeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }
}
