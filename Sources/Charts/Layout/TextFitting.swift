import Foundation

/// Shortens a label to a width: first by dropping a trailing parenthetical (`f1 (higher is
/// better)` -> `f1`), then by cutting it with an ellipsis.
///
/// A label from a log can be any length (a 100 KB metric key): past `maxCharacters` (more than any
/// chart is wide) it is cut before anything is measured, and the cut point is found by bisection,
/// so fitting costs O(log n) measurements of at most `maxCharacters` each, not one per character.
enum TextFitting {
    static let maxCharacters = 300

    static func fitted(_ text: String, width: Double, size: Double, weight: TextStyle.Weight, measurer: TextMeasurer) -> String {
        let fits = { (s: String) in measurer.width(of: s, size: size, weight: weight) <= width }
        let long = text.count > maxCharacters
        if !long && fits(text) { return text }
        var base = long ? String(text.prefix(maxCharacters)) : text
        if !long, let open = text.range(of: " (", options: .backwards), text.hasSuffix(")") {
            base = String(text[..<open.lowerBound])
            if fits(base) { return base }
        }
        let characters = Array(base)
        // The longest prefix that fits with the ellipsis: widths grow with the prefix.
        var lo = 0, hi = characters.count
        if long && fits(base + "…") { return base + "…" }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if fits(String(characters[..<mid]) + "…") { lo = mid } else { hi = mid - 1 }
        }
        return lo == 0 ? "" : String(characters[..<lo]) + "…"
    }
}
