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
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try? decoder.decode(AuditManifest.self, from: data)
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(self)
    }

    /// Size and modification time of each file, or nil when one cannot be read.
    static func stamps(of paths: [String]) -> [InputStamp]? {
        var out: [InputStamp] = []
        for path in paths.sorted() {
            guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = attrs[.size] as? NSNumber, let date = attrs[.modificationDate] as? Date
            else { return nil }
            out.append(InputStamp(path: path, size: size.int64Value, modified: date.timeIntervalSince1970))
        }
        return out
    }
}
