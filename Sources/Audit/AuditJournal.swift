import Foundation
import Reports
import Ingest
import RunModel

/// The record of an audit under way, `DIR/.trainreport-audit.journal`: one JSON line per event,
/// appended with a single `write(2)` as it happens, so an audit that is killed (kill -9, a full
/// disk, a crash) leaves what it finished, and the next audit into `DIR` redoes only the rest.
/// The manifest (`AuditManifest`) replaces it when the audit ends.
///
/// It also finds a run that crashes the process: a run `started` but never `done` was in flight
/// when the audit died. The next audit reports such suspects first, one at a time (`solo`); a run
/// that was in flight alone when the audit died is the one that killed it, and becomes an error row
/// (kept until its files change, or `--force`) instead of killing every rerun the same way.
final class AuditJournal: @unchecked Sendable {
    static let fileName = TrainreportOutput.auditJournalName

    struct Line: Codable {
        var tool: String?
        var settings: [String]?
        var started: String?
        var solo: Bool?
        var done: String?
        var entry: AuditManifest.Entry?
    }

    /// What an earlier, unfinished audit with the same tool version and settings left.
    struct Left: Sendable {
        var entries: [String: AuditManifest.Entry] = [:]
        /// In flight when that audit died, alongside others: report these first, one at a time.
        var suspects: Set<String> = []
        /// In flight alone when that audit died: the run that killed it.
        var crashed: Set<String> = []
    }

    private let fd: Int32
    private let lock = NSLock()

    /// Starts a journal in `directory` for an audit with `settings`, carrying `carried` entries
    /// (finished by the audit it resumes) so that dying again loses nothing.
    convenience init(directory: URL, settings: [String], carried: [String: AuditManifest.Entry]) throws {
        try self.init(file: directory.appendingPathComponent(Self.fileName), settings: settings, carried: carried)
    }

    /// A journal at `file` (a shard keeps its own, `AuditStateLayout.shardJournal`).
    init(file: URL, settings: [String], carried: [String: AuditManifest.Entry]) throws {
        let path = file.path
        var text = try Self.encode(Line(tool: TrainReportVersion.current, settings: settings))
        for (dir, entry) in carried.sorted(by: { $0.key < $1.key }) { text += try Self.encode(Line(done: dir, entry: entry)) }
        try AtomicFile.write(text, to: path)
        fd = open(path, O_WRONLY | O_APPEND)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }

    deinit { close(fd) }

    func started(_ reportDir: String, solo: Bool) { append(Line(started: reportDir, solo: solo)) }

    func done(_ reportDir: String, _ entry: AuditManifest.Entry) { append(Line(done: reportDir, entry: entry)) }

    /// Removes the journal once the manifest holds everything.
    static func remove(in directory: URL) {
        remove(file: directory.appendingPathComponent(fileName))
    }

    static func remove(file: URL) {
        try? FileManager.default.removeItem(at: file)
    }

    /// What the journal in `directory` says, or nil when there is none or it was written by another
    /// tool version or other settings. A torn last line (killed mid-write) is ignored.
    static func load(from directory: URL, settings: [String]) -> Left? {
        load(file: directory.appendingPathComponent(fileName), settings: settings)
    }

    static func load(file: URL, settings: [String]) -> Left? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        let decoder = AuditManifest.decoder()
        var lines = data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(Line.self, from: $0) }[...]
        guard let header = lines.popFirst(), header.tool == TrainReportVersion.current, header.settings == settings else { return nil }
        var left = Left()
        var inFlight: [String: Bool] = [:]
        for line in lines {
            if let dir = line.started { inFlight[dir] = line.solo ?? false }
            if let dir = line.done, let entry = line.entry {
                left.entries[dir] = entry
                inFlight[dir] = nil
            }
        }
        for (dir, solo) in inFlight {
            if solo { left.crashed.insert(dir) } else { left.suspects.insert(dir) }
        }
        return left
    }

    private func append(_ line: Line) {
        guard let text = try? Self.encode(line) else { return }
        let bytes = Array(text.utf8)
        lock.lock()
        defer { lock.unlock() }
        // One write per line: O_APPEND keeps concurrent lines whole; a failed write costs only resumability.
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    private static func encode(_ line: Line) throws -> String {
        let encoder = AuditManifest.encoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
    }
}
