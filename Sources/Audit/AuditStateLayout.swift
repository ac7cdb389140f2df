import Foundation
import Ingest

/// Where a sharded audit keeps its state in the output folder, `DIR/.trainreport-state/`:
///
/// - `runs/<report folder>.json`: one file per run (`RunState`), written by the shard that reported
///   it, read by whichever shard owns the run next time (so a change of N redoes nothing);
/// - `shards/K-of-N.json`: shard K's index (`ShardIndex`), what `audit --merge` combines;
/// - `shards/K-of-N.journal`: shard K's journal while it runs (`AuditJournal`); left behind when it dies.
///
/// Every file has one writer and is written to a temporary name and renamed into place, which is
/// atomic on NFS too; no file is ever appended to by two processes.
struct AuditStateLayout: Sendable {
    var output: URL

    var folder: URL { output.appendingPathComponent(TrainreportOutput.auditStateFolderName, isDirectory: true) }
    var runs: URL { folder.appendingPathComponent("runs", isDirectory: true) }
    var shards: URL { folder.appendingPathComponent("shards", isDirectory: true) }

    func runState(_ reportDir: String) -> URL { runs.appendingPathComponent(reportDir + ".json") }
    func shardIndex(_ shard: ShardSpec) -> URL { shards.appendingPathComponent(shard.fileStem + ".json") }
    func shardJournal(_ shard: ShardSpec) -> URL { shards.appendingPathComponent(shard.fileStem + ".journal") }

    /// Creates the state folders (several shards may do so at once).
    func make() throws {
        for url in [runs, shards] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    }
}
