import Foundation

/// Number formatting for messages: short, stable, locale-independent.
enum Format {
    /// Four significant digits; whole numbers from 1000 up; scientific notation for very small or large
    /// magnitudes (learning rates). Reports' `ReportNumber.format` follows the same rule.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude < 1e-3 || magnitude >= 1e6 {
            return scientific(x)
        }
        if magnitude >= 1000 { return String(Int(x.rounded())) }
        var text = String(format: "%.4g", x)
        if text.contains("e") { return scientific(x) }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// `2e-04` style becomes `2e-4`; mantissa with up to 3 significant digits.
    static func scientific(_ x: Double) -> String {
        let raw = String(format: "%.2e", x)
        guard let e = raw.firstIndex(of: "e") else { return raw }
        var mantissa = String(raw[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        var exponent = String(raw[raw.index(after: e)...])
        let negative = exponent.hasPrefix("-")
        exponent = String(exponent.drop { $0 == "+" || $0 == "-" })
        while exponent.hasPrefix("0") && exponent.count > 1 { exponent.removeFirst() }
        return mantissa + "e" + (negative ? "-" : "") + exponent
    }

    /// A ratio as a whole percentage, e.g. 0.243 -> "24%"; below 10% one decimal ("2.5%").
    static func percent(_ ratio: Double) -> String {
        let p = ratio * 100
        if abs(p) < 10 && p.rounded() != p {
            return String(format: "%.1f%%", p)
        }
        return String(format: "%.0f%%", p)
    }

    /// A large rate or count as a reader takes it in: `850`, `46.3k`, `1.2M` (below 10,000: `number`).
    static func compact(_ x: Double) -> String {
        let magnitude = abs(x)
        guard x.isFinite, magnitude >= 10_000 else { return number(x) }
        for (limit, suffix) in [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")] where magnitude >= limit {
            return number((x / limit * 10).rounded() / 10) + suffix
        }
        return number(x)
    }

    /// "1 step", "3 steps".
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }
}
