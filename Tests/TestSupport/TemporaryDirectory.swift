import Foundation

/// Scratch directories for tests; each test removes its own when done.
public enum TemporaryDirectory {
    /// Creates `<system temp>/<prefix>-<UUID>` and returns it.
    public static func make(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
