import CairoBackend
import Foundation
import Reports
import RunModel

extension ArchiveAudit {
    /// Writes shard `shard`'s index (its rows, what it found, what the merged index depends on), then
    /// removes its journal: from then on the shard counts as finished for `audit --merge`.
    static func writeShardIndex(_ shard: ShardSpec, jobs: [AuditJob], rows: [AuditRow], all: [AuditJob], result: Result,
                                options: Options) throws -> String {
        let layout = AuditStateLayout(output: URL(fileURLWithPath: options.output, isDirectory: true))
        let index = ShardIndex(
            schemaVersion: ShardIndex.currentSchema, toolVersion: TrainReportVersion.current, shard: shard.index, shardCount: shard.count,
            settings: settings(of: options.report), pageSize: options.report.pageSize.rawValue, templates: options.templateFolder.map(AtomicFile.resolved),
            pdfDate: options.report.createDate ?? PDFDate.pinned(), discovered: all.count,
            discoveryDigest: ShardIndex.digest(of: all.map(\.reportDir)),
            problems: result.problems.map(ShardIndex.Note.init), unreadableRoots: result.unreadableRoots.map(ShardIndex.Note.init),
            runs: zip(jobs, rows).map { ShardIndex.Run(folder: $0.reportDir, row: $1) })
        try index.write(to: layout.shardIndex(shard))
        AuditJournal.remove(file: layout.shardJournal(shard))
        return layout.shardIndex(shard).path
    }
}
