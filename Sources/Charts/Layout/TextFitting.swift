import Foundation

/// Shortens a label to a width: first by dropping a trailing parenthetical (`f1 (higher is
/// better)` -> `f1`), then by cutting it with an ellipsis.
enum TextFitting {
    static func fitted(_ text: String, width: Double, size: Double, weight: TextStyle.Weight, measurer: TextMeasurer) -> String {
        let fits = { (s: String) in measurer.width(of: s, size: size, weight: weight) <= width }
        if fits(text) { return text }
        var base = text
        if let open = text.range(of: " (", options: .backwards), text.hasSuffix(")") {
            base = String(text[..<open.lowerBound])
            if fits(base) { return base }
        }
        var cut = base
        while !cut.isEmpty && !fits(cut + "…") { cut.removeLast() }
        return cut.isEmpty ? "" : cut + "…"
    }
}
