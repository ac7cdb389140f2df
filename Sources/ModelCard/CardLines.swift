/// A model card's text split into lines that remember where they are, so an edit can replace a
/// range of whole lines and leave every other byte (line endings included) exactly as it was.
struct CardLines {
    struct Line {
        /// The line without its line break (and without a trailing `\r`).
        var text: Substring
        /// Where the line starts and where its line break (if any) starts.
        var start: String.Index
        var end: String.Index
        /// After the line break: the next line's start, or the end of the text.
        var next: String.Index
    }

    let text: String
    let lines: [Line]

    init(_ text: String) {
        self.text = text
        var lines: [Line] = []
        var start = text.startIndex
        while start < text.endIndex {
            // Swift treats "\r\n" as one Character, so a CRLF line ends at that one character.
            let breakIndex = text[start...].firstIndex { $0 == "\n" || $0 == "\r\n" } ?? text.endIndex
            var end = breakIndex
            if end > start, text[text.index(before: end)] == "\r" { end = text.index(before: end) }
            let next = breakIndex == text.endIndex ? breakIndex : text.index(after: breakIndex)
            lines.append(Line(text: text[start..<end], start: start, end: end, next: next))
            start = next
        }
        self.lines = lines
    }

    /// The line break the card uses (CRLF when its first line ends with one), for text added to it.
    var lineBreak: String {
        lines.first.map { text[$0.end..<$0.next] == "\r\n" ? "\r\n" : "\n" } ?? "\n"
    }

    /// Whether each line is inside a fenced code block (``` or ~~~, the fence lines included), where
    /// a marker or a heading is only an example.
    func fencedLines() -> [Bool] {
        var inside: [Bool] = []
        var fence: Substring?
        for line in lines {
            let trimmed = line.text.drop { $0 == " " }
            let opener = trimmed.prefix { $0 == "`" || $0 == "~" }
            if let open = fence {
                inside.append(true)
                if opener.count >= open.count, opener.first == open.first,
                   trimmed.dropFirst(opener.count).allSatisfy({ $0 == " " || $0 == "\t" }) {
                    fence = nil
                }
            } else if line.text.prefix(while: { $0 == " " }).count < 4, opener.count >= 3, Set(opener).count == 1 {
                fence = opener
                inside.append(true)
            } else {
                inside.append(false)
            }
        }
        return inside
    }

    /// The ATX heading level of `line` (1-6), nil when it is not a heading.
    static func headingLevel(_ line: Substring) -> Int? {
        guard line.prefix(while: { $0 == " " }).count < 4 else { return nil }
        let trimmed = line.drop { $0 == " " }
        let hashes = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = trimmed.dropFirst(hashes)
        return rest.isEmpty || rest.first == " " || rest.first == "\t" ? hashes : nil
    }

    /// A heading's text without its `#` marks, surrounding spaces or closing `#` sequence (which
    /// counts only after a space: `## C#` keeps its `#`).
    static func headingText(_ line: Substring) -> String {
        var text = line.drop { $0 == " " }.drop { $0 == "#" }.drop { $0 == " " || $0 == "\t" }.trimmingTrailing()
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing > 0 {
            let rest = text.dropLast(closing)
            if rest.isEmpty || rest.last == " " || rest.last == "\t" { text = rest.trimmingTrailing() }
        }
        return String(text)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
