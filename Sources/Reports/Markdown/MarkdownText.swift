/// Escaping for text from logs placed in Markdown: punctuation that Markdown would interpret is
/// backslash-escaped and `< > &` become entities, so a run named `<script>` stays text when the
/// model card is rendered.
enum MarkdownText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in DisplayText.clean(text) {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!", "{", "}":
                out += "\\" + String(c)
            case "\n", "\r\n", "\t": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    /// Inline code for identifiers (`eval/loss`); backticks inside are replaced.
    static func code(_ text: String) -> String {
        "`" + DisplayText.clean(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ") + "`"
    }
}
