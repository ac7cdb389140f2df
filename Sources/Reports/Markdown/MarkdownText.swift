/// Escaping for text from logs placed in Markdown: punctuation that Markdown would interpret is
/// backslash-escaped and `< > &` become entities, so a run named `<script>` stays text when the
/// model card is rendered. An underscore inside a word (`learning_rate`) is left as it is: CommonMark
/// never reads one between two letters or digits as emphasis, and names read as HF's cards write them.
enum MarkdownText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let chars = Array(DisplayText.clean(text))
        for (i, c) in chars.enumerated() {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "_" where i > 0 && i + 1 < chars.count && isWordCharacter(chars[i - 1]) && isWordCharacter(chars[i + 1]):
                out.append(c)
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!", "{", "}":
                out += "\\" + String(c)
            case "\n", "\r\n", "\t": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber
    }

    /// Inline code for identifiers (`eval/loss`); backticks inside are replaced.
    static func code(_ text: String) -> String {
        "`" + DisplayText.clean(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ") + "`"
    }
}
