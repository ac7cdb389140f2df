import Foundation

/// The one number format every report output uses, independent of the machine's locale.
public enum ReportNumber {
    /// Four significant digits (`0.6931`, `2e-05`, `1235`); whole numbers below 1e9 without a
    /// fraction (`1500`); `NaN`, `Inf`, `-Inf` for non-finite values.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%.4g", value)
    }

    /// `value` or an em dash when nil.
    public static func format(_ value: Double?) -> String {
        value.map { format($0) } ?? "—"
    }

    /// Grouped by thousands with commas: `12,345`.
    public static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    /// A large count in words a reader can take in: `850`, `12.3k`, `4.56M`, `1.2B`.
    public static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        if !value.isFinite || magnitude < 10_000 { return format(value.rounded()) }
        for (limit, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")] where magnitude >= limit {
            return String(format: "%.3g", value / limit) + suffix
        }
        return format(value)
    }

    /// A wall-clock duration: `45 s`, `12 min 05 s`, `3 h 07 min`; beyond any real run (a wall time
    /// garbled in the log) the number of seconds, rather than a crash converting it to `Int`.
    public static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return format(seconds) }
        guard seconds < 1e15 else { return format(seconds) + " s" }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total) s" }
        if total < 3600 { return "\(total / 60) min \(twoDigits(total % 60)) s" }
        return "\(total / 3600) h \(twoDigits(total % 3600 / 60)) min"
    }

    /// HF model-card style: at most four decimals (`0.6931`), shorter when exact (`1.0`, `0.5`).
    public static func fixed4(_ value: Double) -> String {
        if !value.isFinite { return format(value) }
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded(), abs(rounded) < 1e9 { return String(Int(rounded)) + ".0" }
        var text = String(format: "%.4f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
