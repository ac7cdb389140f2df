import CairoBackend
import Diagnostics
import Foundation
import Ingest
import Reports
import RunModel

/// `audit --merge DIR`: combines the shard indexes that `audit --shard K/N` left in DIR into the
/// index a one-machine audit of the same archive writes (index.html, .csv, .json, .pdf, byte for
/// byte), after checking that all N shards finished and were made by this tool version with the same
/// settings. Nothing is written when a check fails.
public enum AuditMerge {
    public struct Outcome: Sendable {
        /// N, from the newest shard file in DIR.
        public var shardCount: Int
        public var missing: [Int]
        public var failed: [(shard: Int, reason: String)]
        /// Why the shards that finished cannot be combined (other tool version or settings, a report
        /// folder claimed by two shards).
        public var refusals: [String]
        /// Worth saying, not fatal (shard files of another N, shards that listed a changing archive).
        public var notes: [String]
        /// The rows of every shard that finished (all runs when nothing is missing).
        public var index: AuditIndex
        /// Set when the index was written.
        public var result: ArchiveAudit.Result?

        /// 2 when a shard is missing or failed, or the shards cannot be combined; else what a
        /// one-machine audit of the archive would exit with.
        public func exitCode(failOn: Severity?) -> Int32 {
            guard missing.isEmpty, failed.isEmpty, refusals.isEmpty, let result else { return 2 }
            return result.exitCode(failOn: failOn)
        }
    }

    public static func run(directory: String) throws -> Outcome {
        let output = URL(fileURLWithPath: directory, isDirectory: true)
        let set = try ShardSet.load(AuditStateLayout(output: output))
        let shards = set.indexes.sorted { $0.key < $1.key }.map(\.value)
        var outcome = Outcome(shardCount: set.count, missing: set.missing, failed: set.failed, refusals: refusals(shards),
                              notes: notes(shards, set: set), index: AuditIndex(rows: shards.flatMap { $0.runs.map(\.row) }))
        guard outcome.missing.isEmpty, outcome.failed.isEmpty, outcome.refusals.isEmpty, let first = shards.first else { return outcome }
        guard let pageSize = PDFPageSize(rawValue: first.pageSize) else {
            throw AuditMergeError("shard 0/\(set.count): unknown page size '\(first.pageSize)'")
        }
        let options = ReportOptions(pageSize: pageSize, templates: try ReportTemplates(overrides: first.templates), createDate: first.pdfDate)
        let problems = union(shards.map(\.problems)).map(\.discoveryNote)
        let files = try ArchiveAudit.writeIndex(outcome.index, problems: problems, to: directory, options: options)
        outcome.result = ArchiveAudit.Result(
            index: outcome.index, redone: 0, skipped: [], problems: problems, indexFiles: files,
            unreadableRoots: union(shards.map(\.unreadableRoots)).map(\.discoveryNote), discovered: first.discovered)
        return outcome
    }

    /// Shards made by another tool version, with other settings than the first shard, or claiming the
    /// same report folder as another shard.
    static func refusals(_ shards: [ShardIndex]) -> [String] {
        guard let first = shards.first else { return [] }
        var out: [String] = []
        for shard in shards {
            let name = "shard \(shard.shard)/\(shard.shardCount)"
            if shard.schemaVersion != ShardIndex.currentSchema || shard.toolVersion != TrainReportVersion.current {
                out.append("\(name) was made by trainreport \(shard.toolVersion); this is \(TrainReportVersion.current): run it again with this version")
                continue
            }
            guard shard.shard != first.shard else { continue }
            let differing = Self.differences(first, shard)
            if !differing.isEmpty {
                out.append("\(name) was made with other settings than shard \(first.shard)/\(first.shardCount) (\(differing.joined(separator: "; "))): "
                    + "run every shard with the same options")
            }
        }
        var owner: [String: Int] = [:]
        for shard in shards {
            for run in shard.runs {
                if let other = owner[run.folder.lowercased()], other != shard.shard {
                    out.append("report folder \(run.folder) was written by shards \(other) and \(shard.shard): the archive changed "
                        + "between their listings; run every shard again")
                }
                owner[run.folder.lowercased()] = shard.shard
            }
        }
        return out
    }

    /// What differs between two shards' settings, as `what: a vs b`.
    static func differences(_ a: ShardIndex, _ b: ShardIndex) -> [String] {
        var out: [String] = []
        if a.settings != b.settings {
            let onlyA = a.settings.filter { !b.settings.contains($0) }, onlyB = b.settings.filter { !a.settings.contains($0) }
            out.append("\(onlyA.joined(separator: ", ")) vs \(onlyB.joined(separator: ", "))")
        }
        if a.pageSize != b.pageSize { out.append("page size \(a.pageSize) vs \(b.pageSize)") }
        if a.templates != b.templates { out.append("--template \(a.templates ?? "none") vs \(b.templates ?? "none")") }
        if a.pdfDate != b.pdfDate { out.append("SOURCE_DATE_EPOCH \(a.pdfDate) vs \(b.pdfDate)") }
        return out
    }

    static func notes(_ shards: [ShardIndex], set: ShardSet) -> [String] {
        var out: [String] = []
        if !set.otherCounts.isEmpty {
            out.append("passed over the shard files of an earlier audit with \(set.otherCounts.map(String.init).joined(separator: ", ")) shards; "
                + "merging the \(set.count) shards of the newest")
        }
        let views = Dictionary(grouping: shards) { "\($0.discovered) runs (digest \($0.discoveryDigest))" }
        if views.count > 1 {
            let described = views.sorted { $0.key < $1.key }.map { view, group in
                "shard\(group.count > 1 ? "s" : "") \(group.map { String($0.shard) }.joined(separator: ", ")) found \(view)"
            }
            out.append("the archive changed while the shards listed it (\(described.joined(separator: "; "))): the index holds "
                + "each shard's own runs; a run added meanwhile may be missing until the next audit")
        }
        return out
    }

    /// The notes of every shard, each once, in the order first seen.
    static func union(_ lists: [[ShardIndex.Note]]) -> [ShardIndex.Note] {
        var seen: Set<String> = []
        return lists.flatMap { $0 }.filter { seen.insert($0.path + "\u{1F}" + $0.message).inserted }
    }
}
