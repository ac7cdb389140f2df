#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One scratch folder per process (under `$TMPDIR`, else /tmp), with a subfolder per parser.
public enum FuzzScratch {
    static let root: String = {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((base + "/fuzz-ingest.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("cannot create a scratch folder under \(base)") }
        let root = String(cString: made)
        for parser in FuzzParser.allCases {
            let folder = root + "/\(parser)"
            mkdir(folder, 0o755)
            // An MLflow run directory needs meta.yaml or params/ next to metrics/.
            if parser == .mlflowMetric {
                mkdir(folder + "/metrics", 0o755)
                mkdir(folder + "/params", 0o755)
            }
        }
        return root
    }()

    static func folder(for parser: FuzzParser) -> String {
        root + "/\(parser)"
    }

    /// Replaces the file's contents with `bytes`.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return false }
            let n = posixWrite(fd, base + done, bytes.count - done)
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// Removes the scratch folder (replay mode; the fuzz script removes its own `$TMPDIR`).
    public static func remove() {
        for parser in FuzzParser.allCases {
            let folder = folder(for: parser)
            unlink(folder + "/" + parser.fileName)
            if parser == .mlflowMetric {
                rmdir(folder + "/metrics")
                rmdir(folder + "/params")
            }
            rmdir(folder)
        }
        rmdir(root)
    }
}

/// `write(2)` under a name that does not clash with `FuzzScratch.write`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    Darwin.write(fd, buffer, count)
    #elseif canImport(Musl)
    Musl.write(fd, buffer, count)
    #else
    Glibc.write(fd, buffer, count)
    #endif
}
