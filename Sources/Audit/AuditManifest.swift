import Foundation
import Ingest
import RunModel

/// What the last audit into an output folder saw, so a rerun redoes only runs whose inputs changed.
/// Stored as `DIR/.trainreport-audit.json`; any change of tool version invalidates all of it.
struct AuditManifest: Codable, Sendable {
    static let fileName = TrainreportOutput.auditManifestName

    var toolVersion: String
    /// Report settings the entries were written with; other settings redo every run.
    var settings: [String]
    /// By report folder (unique within an audit; several runs can share a path).
    var entries: [String: Entry]

    struct Entry: Codable, Sendable {
        /// Input files with size and modification time, sorted by path.
        var inputs: [InputStamp]
        var row: AuditRow
        /// Files of the run's report, relative to its report folder: a rerun redoes the run when one is
        /// missing (nil in manifests written before this was recorded: the folder's existence decides).
        var outputs: [String]?
    }

    struct InputStamp: Codable, Sendable, Equatable {
        var path: String
        var size: Int64
        var modified: Double
    }

    init(settings: [String]) {
        toolVersion = TrainReportVersion.current
        self.settings = settings
        entries = [:]
    }

    /// The manifest in `directory`, or nil when there is none or it cannot be used.
    static func load(from directory: URL) -> AuditManifest? {
        let url = directory.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? decoder().decode(AuditManifest.self, from: data)
    }

    func encoded() throws -> Data {
        let encoder = Self.encoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(self)
    }

    /// Coders that keep NaN and infinities (a final loss can be NaN).
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// Size and modification time of each file, or nil when one cannot be read. Each is named by its
    /// canonical path (symlinks and `.`/`..` resolved) relative to the run's own location, so an
    /// archive given as `arch`, `./arch/` or `/abs/arch` (or moved) keeps its manifest entries.
    static func stamps(of paths: [String], run location: String) -> [InputStamp]? {
        var base = canonical(location)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory), !isDirectory.boolValue {
            base = (base as NSString).deletingLastPathComponent
        }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        var out: [InputStamp] = []
        for path in paths {
            guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = attrs[.size] as? NSNumber, let date = attrs[.modificationDate] as? Date
            else { return nil }
            let real = canonical(path)
            let name = real.hasPrefix(prefix) ? String(real.dropFirst(prefix.count)) : real
            out.append(InputStamp(path: name, size: size.int64Value, modified: date.timeIntervalSince1970))
        }
        return out.sorted { $0.path < $1.path }
    }

    /// The path with every symlink and `.`/`..` resolved (the path itself when it cannot be).
    static func canonical(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return (path as NSString).standardizingPath }
        defer { free(real) }
        return String(cString: real)
    }

    /// The files under a report folder, relative to it, sorted.
    static func outputs(in folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let name = walker.nextObject() as? String {
            if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { files.append(name) }
        }
        return files.sorted()
    }
}
