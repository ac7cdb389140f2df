/// Where a model card's YAML front matter is: the block between a first line `---` and the next
/// `---` (or `...`) line. Hugging Face reads the card's metadata from it.
struct FrontMatter {
    /// Line index of the opening `---` and of the closing line, in `CardLines.lines`.
    var open: Int
    var close: Int

    /// The YAML between the fences, lines joined with `\n`.
    func yaml(in card: CardLines) -> String {
        card.lines[(open + 1)..<close].map { String($0.text) + "\n" }.joined()
    }

    /// The card's front matter, nil when the card has none; throws when it is opened and never closed.
    static func locate(in card: CardLines, path: String) throws -> FrontMatter? {
        guard let first = card.lines.first, isFence(first.text.drop { $0 == "\u{FEFF}" }, opening: true) else { return nil }
        guard let close = card.lines.indices.dropFirst().first(where: { isFence(card.lines[$0].text, opening: false) }) else {
            throw ModelCardError.frontMatter(path: path, line: 1, message: "opened by '---' on line 1 but never closed by a '---' line")
        }
        return FrontMatter(open: 0, close: close)
    }

    private static func isFence(_ line: Substring, opening: Bool) -> Bool {
        let trimmed = line.trimmingTrailing()
        return trimmed == "---" || (!opening && trimmed == "...")
    }
}

extension Substring {
    func trimmingTrailing() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
