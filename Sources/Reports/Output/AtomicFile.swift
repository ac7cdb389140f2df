import Foundation

/// Writes report files so that no reader ever sees half a file and no input is ever overwritten:
/// the bytes go to a temporary file in the target's folder, which is then renamed over the target.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically. Throws `ReportError.outputIsInput` when `path` (after
    /// resolving symbolic links) is one of `protected`, which should hold resolved input paths.
    public static func write(_ bytes: [UInt8], to path: String, protecting protected: Set<String> = []) throws {
        let target = resolved(path)
        if protected.contains(target) { throw ReportError.outputIsInput(path: path) }
        let directory = (target as NSString).deletingLastPathComponent
        let temp = (directory as NSString).appendingPathComponent(
            ".\((target as NSString).lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard FileManager.default.createFile(atPath: temp, contents: Data(bytes)) else {
            throw ReportError.write(path: path, message: "cannot create a temporary file in \(directory)")
        }
        if rename(temp, target) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temp)
            throw ReportError.write(path: path, message: reason)
        }
    }

    public static func write(_ text: String, to path: String, protecting protected: Set<String> = []) throws {
        try write(Array(text.utf8), to: path, protecting: protected)
    }

    /// Creates `path` (and parents); refuses when it is an existing file, or an input.
    public static func makeDirectory(_ path: String, protecting protected: Set<String> = []) throws {
        if protected.contains(resolved(path)) { throw ReportError.outputIsInput(path: path) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ReportError.write(path: path, message: "exists and is not a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ReportError.write(path: path, message: error.localizedDescription)
        }
    }

    /// The absolute path with symbolic links resolved (for a file that does not exist yet, its
    /// folder's resolved path plus its name).
    public static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let standard = (absolute as NSString).standardizingPath
        if FileManager.default.fileExists(atPath: standard) {
            return (standard as NSString).resolvingSymlinksInPath
        }
        let parent = (standard as NSString).deletingLastPathComponent
        guard parent != standard, !parent.isEmpty else { return standard }
        return (resolved(parent) as NSString).appendingPathComponent((standard as NSString).lastPathComponent)
    }
}
