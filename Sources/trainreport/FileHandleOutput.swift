#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import RunModel

/// Writing to the terminal: every control character but newline and TAB is replaced (a run name or
/// file name holding ESC must not drive the terminal), then written without Foundation.
enum FileHandleOutput {
    static func terminalSafe(_ text: String) -> String {
        ControlCharacters.replaced(in: text, keeping: ["\n", "\t"])
    }

    /// `print` for the commands' standard output, made terminal-safe.
    static func standardOutput(_ text: String) {
        print(terminalSafe(text), terminator: "")
    }

    static func standardError(_ text: String) {
        guard !text.isEmpty else { return }
        var bytes = Array(terminalSafe(text).utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress?.advanced(by: written), $0.count - written) }
            if n <= 0 { return }
            written += n
        }
    }
}
