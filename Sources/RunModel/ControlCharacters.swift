/// Control characters from logs (ESC, BEL, CR, NUL... in a run name, a metric key, a file name) must
/// reach no output raw: a terminal runs escape sequences, XML 1.0 forbids them even escaped (an SVG
/// or XHTML page holding one is not well-formed and a browser drops it), a CR rewrites a CSV row.
/// Every output that is not JSON (which escapes them itself) replaces them with this.
public enum ControlCharacters {
    /// Whether a scalar is a C0 or C1 control, DEL, or one of the two noncharacters XML forbids.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// `text` with each control replaced by U+FFFD, except those in `keeping` (e.g. `\n` in
    /// terminal output the tool itself lays out).
    public static func replaced(in text: String, keeping: Set<Unicode.Scalar> = []) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !keeping.contains($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(isControl(scalar) && !keeping.contains(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }
}
