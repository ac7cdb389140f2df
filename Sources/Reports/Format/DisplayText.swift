/// Cleans text from logs before it reaches any output: control characters (which XML, Pango
/// markup and terminals mishandle) become U+FFFD, and very long values are cut with an ellipsis.
public enum DisplayText {
    public static func clean(_ text: String, limit: Int = 2_000) -> String {
        var out = ""
        out.reserveCapacity(min(text.utf8.count, limit))
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "…"
                break
            }
            switch scalar.value {
            case 0x09, 0x0A: out.unicodeScalars.append(scalar)
            case 0x00..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}
