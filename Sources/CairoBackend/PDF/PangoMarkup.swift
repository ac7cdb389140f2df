import Charts

/// Pango markup helpers. Text from logs must go through `escape` before it is placed in markup:
/// Pango rejects malformed markup and would show nothing at all.
public enum PangoMarkup {
    /// Escapes `& < > " '` and replaces control characters (which markup cannot carry) with U+FFFD.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case let c where c.value < 0x20 || (0x7F...0x9F).contains(c.value): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func bold(_ text: String) -> String { "<b>\(escape(text))</b>" }

    /// `text` escaped and coloured.
    public static func colored(_ text: String, _ color: Color, bold: Bool = false) -> String {
        let weight = bold ? " weight=\"bold\"" : ""
        return "<span foreground=\"\(color.hexString)\"\(weight)>\(escape(text))</span>"
    }

    public static func monospace(_ text: String) -> String { "<tt>\(escape(text))</tt>" }
}
