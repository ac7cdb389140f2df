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
    /// Limits that refuse binary garbage early, while reading, instead of after holding it all: a
    /// 5 GB sparse file of NULs behind a valid head once took 20 GB and minutes before a refusal.
    struct Guard: Sendable {
        /// A run of this many NUL bytes is no log (a sparse or preallocated file, a disk image).
        static let maxNULRun = 1 << 20
        /// Longest line a line-oriented log may have (nil: JSON documents, binary files).
        var maxLine: Int?

        static let binary = Guard(maxLine: nil)
        static let document = Guard(maxLine: nil)
        /// A JSONL, CSV, text or MLflow line: real ones are at most a few hundred KB (a wandb line
        /// with thousands of keys), so 16 MiB is far beyond any.
        static let lines = Guard(maxLine: 16 << 20)
    }

    /// Bytes read per `read(2)`, each chunk checked against the guard before the next is read.
    static let chunk = 1 << 20

    /// The whole file, or its first `limit` bytes. With `guarding`, reading stops at the first run of
    /// `Guard.maxNULRun` NUL bytes or line longer than `maxLine`, with an error naming its byte offset.
    static func read(_ path: String, limit: Int? = nil, guarding check: Guard? = nil) throws -> [UInt8] {
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
        var refused: IngestError?
        var scan = GuardScan(check)
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < wanted {
                let n = posixRead(fd, base + count, Swift.min(chunk, wanted - count))
                if n < 0 { failed = true; return }
                if n == 0 { return }
                if let problem = scan.check(UnsafeBufferPointer(start: base + count, count: n), at: count) {
                    refused = IngestError(path: path, byteOffset: problem.offset, message: problem.message)
                    return
                }
                count += n
            }
        }
        if failed { throw IngestError(path: path, message: "cannot read: \(errorText())") }
        if let refused { throw refused }
        return bytes
    }

    /// The guard's state across chunks: the current NUL run and line length.
    struct GuardScan {
        let check: Guard?
        var nulRun = 0
        var nulStart = 0
        var lineLength = 0
        var lineStart = 0

        init(_ check: Guard?) { self.check = check }

        mutating func check(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (offset: Int, message: String)? {
            guard let check else { return nil }
            for i in bytes.indices {
                let b = bytes[i]
                if b == 0 {
                    if nulRun == 0 { nulStart = offset + i }
                    nulRun += 1
                    if nulRun >= Guard.maxNULRun {
                        return (nulStart, "expected text or records, found a run of \(Guard.maxNULRun) NUL bytes (a sparse, preallocated or corrupt file); not read further")
                    }
                } else {
                    nulRun = 0
                }
                if let maxLine = check.maxLine {
                    if b == 0x0A {
                        lineLength = 0
                        lineStart = offset + i + 1
                    } else {
                        lineLength += 1
                        if lineLength > maxLine {
                            return (lineStart, "expected lines of a log, found a line longer than \(maxLine >> 20) MiB (no real log line is); not read further")
                        }
                    }
                }
            }
            return nil
        }
    }

    /// Calls `body` with the file's bytes, read into memory once (peak memory: the file's size).
    /// Never memory-mapped: the HF Trainer rewrites `trainer_state.json` in place at every save, and a
    /// mapped file that shrinks under the reader raises SIGBUS, which killed whole audits. A file that
    /// changes while it is read gives the bytes read (a consistent prefix), which the format's own
    /// checks judge (a cut-off file is a repair or a located error, never a signal).
    static func withContents<T>(_ path: String, guarding check: Guard? = nil, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T {
        let bytes = try read(path, guarding: check)
        return try bytes.withUnsafeBufferPointer(body)
    }

    /// A file read front to back in pieces into a caller's buffer, for readers that stream (the
    /// `.wandb` reader): memory stays at one buffer whatever the file's size.
    struct Reader {
        let path: String
        private let fd: Int32

        init(_ path: String) throws {
            self.path = path
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw IngestError(path: path, message: "cannot open: \(errorText())") }
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                let error = IngestError(path: path, message: "cannot stat: \(errorText())")
                _ = closeFile(fd)
                throw error
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                _ = closeFile(fd)
                throw IngestError(path: path, message: "is a directory, expected a file")
            }
        }

        /// Fills `buffer` with the next bytes and returns how many it holds: fewer than its size only
        /// at the end of the file.
        func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
            guard let base = buffer.baseAddress else { return 0 }
            var count = 0
            while count < buffer.count {
                let n = posixRead(fd, base + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw IngestError(path: path, byteOffset: nil, message: "cannot read: \(errorText())")
                }
                if n == 0 { break }
                count += n
            }
            return count
        }

        func close() { _ = closeFile(fd) }
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

/// `close(2)` under a name that does not clash with `FileBytes.Reader.close`.
@inline(__always)
private func closeFile(_ fd: Int32) -> Int32 {
    #if canImport(Darwin)
    Darwin.close(fd)
    #elseif canImport(Musl)
    Musl.close(fd)
    #else
    Glibc.close(fd)
    #endif
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
