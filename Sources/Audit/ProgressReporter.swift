import RunModel
import Foundation

/// Progress of an audit on stderr: a bar with count, rate and ETA on a terminal, one plain line
/// per run otherwise, nothing when quiet. Thread-safe: workers call `finished` concurrently.
public final class ProgressReporter: @unchecked Sendable {
    public enum Style: Sendable {
        case bar, lines, quiet
    }

    private let style: Style
    private let total: Int
    private let lock = NSLock()
    private var done = 0
    private let start = Date()
    private let write: @Sendable (String) -> Void

    public init(style: Style, total: Int, write: @escaping @Sendable (String) -> Void = ProgressReporter.standardError) {
        self.style = style
        self.total = total
        self.write = write
    }

    /// The style that suits stderr: a bar when it is a terminal, lines otherwise.
    public static func automaticStyle(quiet: Bool) -> Style {
        if quiet { return .quiet }
        return isatty(STDERR_FILENO) != 0 ? .bar : .lines
    }

    public static let standardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(ControlCharacters.replaced(in: text, keeping: ["\n", "\r"]).utf8))
    }

    /// Records one finished run; `status` is its verdict or "error", `reused` when the last audit's result stood.
    public func finished(name: String, status: String, reused: Bool) {
        lock.lock()
        done += 1
        let count = done
        let elapsed = Date().timeIntervalSince(start)
        lock.unlock()
        switch style {
        case .quiet:
            return
        case .lines:
            write("[\(count)/\(total)] \(name): \(status)\(reused ? " (unchanged)" : "")\n")
        case .bar:
            write("\r" + ProgressReporter.barLine(done: count, total: total, elapsed: elapsed, width: 28))
            if count == total { write("\n") }
        }
    }

    /// `[#######.....]  12/40  3.1 runs/s  ETA 9s`
    static func barLine(done: Int, total: Int, elapsed: Double, width: Int) -> String {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        return "[\(bar)] \(done)/\(total)  \(String(format: "%.1f", rate)) runs/s  ETA \(formatDuration(eta))"
    }

    static func formatDuration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m"
    }
}
