#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system questions ingestion asks, answered with POSIX calls (symlinks followed).
enum FileSystem {
    enum Kind { case file, directory, other, missing }

    /// Identity of a directory, to notice symlink loops.
    struct NodeID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func isFile(_ path: String) -> Bool { kind(path) == .file }

    /// The size in bytes of the file at `path` (nil when it cannot be stat'ed).
    static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    static func nodeID(_ path: String) -> NodeID? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return NodeID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Files and subdirectories of a directory (hidden entries skipped), or an error message. With
    /// `root` (a canonical path), a symlink whose target is not under `root` goes to `outside`.
    static func list(_ path: String, confinedTo root: String? = nil) -> Result<DirectoryListing, ListingError> {
        guard let dir = opendir(path) else {
            return .failure(ListingError(message: "cannot read the directory: \(FileBytes.errorText())"))
        }
        defer { closedir(dir) }
        var files: [String] = []
        var directories: [String] = []
        var special: [String] = []
        var outside: [String] = []
        let base = path.hasSuffix("/") ? path : path + "/"
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            if let root, isSymlink(base + name), !isInside(realPath(base + name), root) {
                outside.append(name)
                continue
            }
            switch kind(base + name) {
            case .file: files.append(name)
            case .directory: directories.append(name)
            case .other: special.append(name)
            case .missing: continue
            }
        }
        return .success(DirectoryListing(path: path, files: files, directories: directories, special: special, outside: outside))
    }

    static func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Whether canonical `path` is `root` or lies under it (both canonical).
    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    struct ListingError: Error {
        var message: String
    }

    /// The absolute, symlink-free path (for naming a run given as `.`), or the path itself.
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
