import Foundation
import Ingest
import Reports
import RunModel

/// What shard K of N leaves for `audit --merge` (`DIR/.trainreport-state/shards/K-of-N.json`): the
/// index rows of its runs, what it found while listing the archive, and everything the merged index
/// depends on, so that the merge can check that all shards were made alike and write the index a
/// one-machine audit would.
struct ShardIndex: Codable, Sendable, Equatable {
    static let currentSchema = 1

    var schemaVersion: Int
    var toolVersion: String
    var shard: Int
    var shardCount: Int
    /// The report settings (as in the manifest): formats, x axis, page size, diagnostics configuration.
    var settings: [String]
    /// `a4` or `letter`: the merged index.pdf's page size.
    var pageSize: String
    /// The `--template` folder (absolute), whose `index.mustache` the merged index.html uses.
    var templates: String?
    /// The creation date written into the PDFs (`SOURCE_DATE_EPOCH` or the fixed date).
    var pdfDate: String
    /// How many runs the shard found in the whole archive, and a digest of their report folders in
    /// order: shards that listed a changing archive disagree here.
    var discovered: Int
    var discoveryDigest: String
    /// Folders that could not be searched; the archives given that could not be searched.
    var problems: [Note]
    var unreadableRoots: [Note]
    /// The shard's runs: the report folder each was assigned and its index row.
    var runs: [Run]

    struct Note: Codable, Sendable, Equatable {
        var path: String
        var message: String
    }

    struct Run: Codable, Sendable, Equatable {
        var folder: String
        var row: AuditRow
    }

    func write(to url: URL) throws {
        let encoder = AuditManifest.encoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(Array(try encoder.encode(self)), to: url.path)
    }

    /// Reads a shard index; throws a message naming the file when it cannot be used.
    static func read(_ url: URL) throws -> ShardIndex {
        let decoder = AuditManifest.decoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(ShardIndex.self, from: Data(contentsOf: url))
        } catch {
            throw AuditMergeError("\(url.path): not a readable shard index (\(error))")
        }
    }

    /// A digest of the report folders of every run an audit found, in discovery order.
    static func digest(of folders: [String]) -> String {
        String(StableHash.of(folders.joined(separator: "\n")), radix: 16)
    }
}

extension ShardIndex.Note {
    init(_ note: RunDiscovery.Note) { self.init(path: note.path, message: note.message) }

    var discoveryNote: RunDiscovery.Note { RunDiscovery.Note(path: path, message: message) }
}
