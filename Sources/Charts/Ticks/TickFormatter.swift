import Foundation

/// How tick labels look, separately from where ticks go (matplotlib's Locator/Formatter split).
///
/// - Exact decimals from the tick step: ticks 0.1 apart print one decimal, so labels are exact.
/// - An offset when the ticks sit on a large base and would need 5+ significant digits
///   (2.3010...2.3014 prints `0`, `0.0001`... with `+2.301`).
/// - From 10,000 up, SI suffixes (`1.2M`, `250k`) or, in `.scientific` notation, exponents (`4.47e12`);
///   exponents below 0.001 (`2e-5`, `1.2e-4`).
/// - Never `-0`.
public enum TickFormatter {
    static let siSuffixes: [Int: String] = [3: "k", 6: "M", 9: "G", 12: "T", 15: "P"]

    /// Labels for linear ticks `step` apart.
    public static func labels(for ticks: [Double], step: Double?, notation: NumberNotation = .si) -> TickLabels {
        guard let first = ticks.first, let last = ticks.last else { return TickLabels(labels: []) }
        let step = step ?? 0
        guard step > 0, step.isFinite else { return TickLabels(labels: ticks.map { format($0, notation: notation) }) }
        let lo = min(first, last), hi = max(first, last)
        // The power of ten of the step's last digit: 2.5e4 apart needs one digit more than 2e4 apart.
        var stepPower = Int(floor(log10(step) + 1e-9))
        let mantissa = step / pow(10, Double(stepPower))
        if abs(mantissa - mantissa.rounded()) > 1e-6 { stepPower -= 1 }
        let maxAbs = max(abs(lo), abs(hi))
        let significant = maxAbs > 0 ? Int(floor(log10(maxAbs) + 1e-9)) - stepPower + 1 : 1
        if significant >= 5, lo * hi > 0 {
            let span = hi - lo
            let magnitude = Int(ceil(log10(max(span, step)) - 1e-9))
            let unit = pow(10, Double(magnitude))
            let base = hi > 0 ? floor(lo / unit) * unit : ceil(hi / unit) * unit
            if base != 0 {
                let labels = ticks.map { plainZero(fixed($0 - base, decimals: max(0, -stepPower))) }
                let offset = (base > 0 ? "+" : "") + format(base, stepPower: magnitude, notation: notation)
                return TickLabels(labels: labels, offset: offset)
            }
        }
        return TickLabels(labels: ticks.map { format($0, stepPower: stepPower, maxAbs: maxAbs, notation: notation) })
    }

    /// Labels for log-axis ticks: each value on its own.
    public static func logLabels(for ticks: [Double], notation: NumberNotation = .si) -> [String] {
        ticks.map { format($0, notation: notation) }
    }

    /// One value, with as many decimals as `stepPower` (the power of ten of the tick step) asks.
    static func format(_ value: Double, stepPower: Int, maxAbs: Double? = nil, notation: NumberNotation = .si) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "Inf" : "-Inf") }
        let scale = maxAbs ?? abs(value)
        if scale >= 1e4 && notation == .scientific {
            return exponentForm(value, stepPower: stepPower)
        }
        if scale >= 1e4 {
            let exponent = min(15, 3 * Int(floor(log10(scale) / 3 + 1e-9)))
            let suffix = siSuffixes[exponent] ?? ""
            let decimals = max(0, exponent - stepPower)
            let mantissa = trimmed(fixed(value / pow(10, Double(exponent)), decimals: decimals))
            return mantissa == "0" ? "0" : mantissa + suffix
        }
        if scale > 0 && scale < 1e-3 {
            return exponentForm(value, stepPower: stepPower)
        }
        return fixed(value, decimals: max(0, -stepPower))
    }

    /// `2e-5`, `1.2e-4`, `4.47e12`: each value takes its own exponent (never `0.2e-4`), with as many
    /// mantissa decimals as the step asks.
    static func exponentForm(_ value: Double, stepPower: Int) -> String {
        guard value != 0 else { return "0" }
        var exponent = Int(floor(log10(abs(value)) + 1e-9))
        var mantissa = trimmed(fixed(value / pow(10, Double(exponent)), decimals: max(0, exponent - stepPower)))
        if mantissa == "10" || mantissa == "-10" {
            exponent += 1
            mantissa = trimmed(fixed(value / pow(10, Double(exponent)), decimals: max(0, exponent - stepPower)))
        }
        return mantissa == "0" ? "0" : mantissa + "e" + String(exponent)
    }

    /// One value on its own, with the fewest digits that show it: up to 4 significant digits, or 3
    /// in scientific form for large values (the exponent already says how big it is: `4.47e12`).
    public static func format(_ value: Double, notation: NumberNotation = .si) -> String {
        guard value.isFinite, value != 0 else {
            return value == 0 ? "0" : format(value, stepPower: 0)
        }
        let power = Int(floor(log10(abs(value)) + 1e-9))
        let scale = abs(value)
        if scale >= 1e4 && notation == .scientific { return exponentForm(value, stepPower: power - 2) }
        if scale >= 1e4 || scale < 1e-3 { return format(value, stepPower: power - 3) }
        return trimmed(fixed(value, decimals: max(0, 3 - power)))
    }

    static func fixed(_ value: Double, decimals: Int) -> String {
        let s = String(format: "%.\(min(decimals, 15))f", value)
        return isNegativeZero(s) ? String(s.dropFirst()) : s
    }

    /// `0.0000` -> `0`: under an offset, the base itself reads best as a bare zero.
    static func plainZero(_ s: String) -> String {
        s.allSatisfy { $0 == "0" || $0 == "." || $0 == "-" } ? "0" : s
    }

    static func isNegativeZero(_ s: String) -> Bool {
        s.hasPrefix("-") && s.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
    }

    /// Drops trailing zeros after a decimal point (`1.250` -> `1.25`, `2.0` -> `2`).
    static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }
}
