#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to standard error without Foundation.
enum FileHandleOutput {
    static func standardError(_ text: String) {
        guard !text.isEmpty else { return }
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress?.advanced(by: written), $0.count - written) }
            if n <= 0 { return }
            written += n
        }
    }
}
