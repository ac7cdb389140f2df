#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file and prefix reads with plain POSIX calls: no `Data` bridging, one allocation of the
/// exact size, and errors that name the path.
enum FileBytes {
    /// The whole file, or its first `limit` bytes.
    static func read(_ path: String, limit: Int? = nil) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IngestError(path: path, message: "cannot open: \(errorText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw IngestError(path: path, message: "cannot stat: \(errorText())") }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw IngestError(path: path, message: "is a directory, expected a file")
        }
        let size = Int(info.st_size)
        if size == 0 {
            return try readToEnd(fd, path: path, limit: limit)
        }
        let wanted = limit.map { Swift.min($0, size) } ?? size
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < wanted {
                let n = posixRead(fd, base + count, wanted - count)
                if n < 0 { failed = true; return }
                if n == 0 { return }
                count += n
            }
        }
        if failed { throw IngestError(path: path, message: "cannot read: \(errorText())") }
        return bytes
    }

    /// Calls `body` with the file's bytes, read into memory once (peak memory: the file's size).
    /// Never memory-mapped: the HF Trainer rewrites `trainer_state.json` in place at every save, and a
    /// mapped file that shrinks under the reader raises SIGBUS, which killed whole audits. A file that
    /// changes while it is read gives the bytes read (a consistent prefix), which the format's own
    /// checks judge (a cut-off file is a repair or a located error, never a signal).
    static func withContents<T>(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T {
        let bytes = try read(path)
        return try bytes.withUnsafeBufferPointer(body)
    }

    /// Files that report size 0 (pipes, /proc): read in chunks until EOF.
    private static func readToEnd(_ fd: Int32, path: String, limit: Int?) throws -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while limit.map({ out.count < $0 }) ?? true {
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw IngestError(path: path, message: "cannot read: \(errorText())") }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        if let limit, out.count > limit { out.removeSubrange(limit...) }
        return out
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}

/// `read(2)` under a name that does not clash with `FileBytes.read`.
@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Darwin)
    Darwin.read(fd, buffer, count)
    #elseif canImport(Musl)
    Musl.read(fd, buffer, count)
    #else
    Glibc.read(fd, buffer, count)
    #endif
}
