import Foundation

/// The one section of a model card that trainreport owns, between `<!-- trainreport:begin -->` and
/// `<!-- trainreport:end -->` lines. Placing it replaces only what is between the markers (the
/// markers included), or inserts it, so every other byte of the card stays as the author wrote it
/// and placing the same section twice gives the same card.
public enum MarkedSection {
    public static let begin = "<!-- trainreport:begin -->"
    public static let end = "<!-- trainreport:end -->"

    /// How the section was placed.
    public enum Placement: String, Sendable, Equatable {
        /// Replaced the section between the card's markers.
        case updated
        /// Inserted at the end of the section of the `--after` heading.
        case inserted
        /// Appended at the end of the card (it had no markers and no `--after` was given).
        case appended
    }

    /// The card with `section` (Markdown without markers, lines separated by `\n`) in place.
    /// - Parameters:
    ///   - after: an ATX heading line (`## Training procedure`) or a heading's text; used only when the
    ///     card has no markers yet. The section goes at the end of that heading's section, before the
    ///     next heading of the same or a higher level, so the author's text stays under its heading.
    ///   - path: the card's path, for error messages.
    public static func place(_ section: String, in card: String, after: String? = nil, path: String) throws
        -> (card: String, placement: Placement) {
        let lines = CardLines(card)
        let fenced = lines.fencedLines()
        let body = try FrontMatter.locate(in: lines, path: path).map { $0.close + 1 } ?? 0
        let lineBreak = lines.lineBreak
        let block = ([begin] + section.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [end])
            .map { $0.trimmingTrailingSpaces() }.joined(separator: lineBreak)
            .replacingOccurrences(of: lineBreak + lineBreak + lineBreak, with: lineBreak + lineBreak)

        var begins: [Int] = [], ends: [Int] = []
        for i in lines.lines.indices where i >= body && !fenced[i] {
            let text = lines.lines[i].text.trimmingCharacters(in: .whitespaces)
            if text == begin { begins.append(i) }
            if text == end { ends.append(i) }
        }
        switch (begins.count, ends.count) {
        case (0, 0):
            break
        case (1, 1) where begins[0] < ends[0]:
            let start = lines.lines[begins[0]].start, stop = lines.lines[ends[0]].end
            return (String(card[..<start]) + block + String(card[stop...]), .updated)
        case (1, 1):
            throw ModelCardError.markers(path: path, line: ends[0] + 1, message: "'\(end)' comes before '\(begin)' (line \(begins[0] + 1))")
        case (let b, let e) where b > 1 || e > 1:
            let second = b > 1 ? begins[1] : ends[1]
            throw ModelCardError.markers(path: path, line: second + 1,
                                         message: "the card has \(b) '\(begin)' and \(e) '\(end)' lines; trainreport owns exactly one section")
        case (1, _):
            throw ModelCardError.markers(path: path, line: begins[0] + 1, message: "'\(begin)' has no '\(end)' line after it")
        default:
            throw ModelCardError.markers(path: path, line: ends[0] + 1, message: "'\(end)' has no '\(begin)' line before it")
        }

        guard let after else {
            return (joined(card[...], block, card[card.endIndex...], lineBreak: lineBreak), .appended)
        }
        let wanted = after.trimmingCharacters(in: .whitespaces)
        let wantedLevel = CardLines.headingLevel(Substring(wanted))
        let wantedText = wantedLevel == nil ? wanted : CardLines.headingText(Substring(wanted))
        var headings: [String] = []
        var found: (index: Int, level: Int)?
        for i in lines.lines.indices where i >= body && !fenced[i] {
            guard let level = CardLines.headingLevel(lines.lines[i].text) else { continue }
            if let match = found, level <= match.level {
                let at = lines.lines[i].start
                return (joined(card[..<at], block, card[at...], lineBreak: lineBreak), .inserted)
            }
            let text = CardLines.headingText(lines.lines[i].text)
            headings.append(String(repeating: "#", count: level) + " " + text)
            if found == nil, text == wantedText, wantedLevel == nil || wantedLevel == level {
                found = (i, level)
            }
        }
        guard found != nil else { throw ModelCardError.headingNotFound(path: path, heading: wanted, headings: headings) }
        return (joined(card[...], block, card[card.endIndex...], lineBreak: lineBreak), .inserted)
    }

    /// `before`, a blank line, the block, and (when text follows) a blank line before `after`.
    private static func joined(_ before: Substring, _ block: String, _ after: Substring, lineBreak: String) -> String {
        // "\r\n" is one Character in Swift, so line breaks are compared as characters.
        func isBreak(_ c: Character?) -> Bool { c == "\n" || c == "\r\n" }
        var out = String(before)
        if !out.isEmpty {
            if !isBreak(out.last) { out += lineBreak }
            if !isBreak(out.dropLast().last) { out += lineBreak }
        }
        out += block + lineBreak
        if !after.isEmpty { out += lineBreak + after }
        return out
    }
}
