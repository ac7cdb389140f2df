import Foundation

/// The one number format every human-readable output uses for measured values (losses, epochs,
/// rates), independent of the machine's locale. JSON keeps full precision.
public enum ReportNumber {
    /// Four significant digits with trailing zeros dropped (`0.6931`, `4.082`, `2.5`); whole numbers
    /// as they are (`150`, `12346` for 12345.6); scientific notation with up to three significant
    /// digits below 0.001 and from one million up (`2e-5`, `4.47e12`); `NaN`, `Inf`, `-Inf`.
    /// The same rule as the findings' messages.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 1e-3 || magnitude >= 1e6 { return scientific(value) }
        if magnitude >= 1000 { return String(Int(value.rounded())) }
        var text = String(format: "%.4g", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// `2e-5`, `4.47e12`: a mantissa of up to three significant digits and a bare exponent.
    static func scientific(_ value: Double) -> String {
        let raw = String(format: "%.2e", value)
        guard let e = raw.firstIndex(of: "e") else { return raw }
        var mantissa = String(raw[..<e])
        while mantissa.contains("."), mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa.removeLast() }
        let exponent = Int(raw[raw.index(after: e)...]) ?? 0
        return mantissa + "e" + String(exponent)
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


    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
