/// A cursor over one line of a text log, for the small fixed patterns the presets look for
/// (`iteration   100/  1000 |`, `iter 100:`, `Epoch 3/10`): words, spaces, integers, numbers.
struct TextLogLine {
    let text: Substring
    var index: Substring.Index

    init(_ text: Substring) {
        self.text = text
        index = text.startIndex
    }

    var rest: Substring { text[index...] }
    var atEnd: Bool { index == text.endIndex }

    /// Skips spaces and tabs; true when there were any.
    @discardableResult
    mutating func spaces() -> Bool {
        let start = index
        while index < text.endIndex, text[index] == " " || text[index] == "\t" { index = text.index(after: index) }
        return index > start
    }

    /// Consumes `word` when the line continues with it.
    mutating func word(_ word: String) -> Bool {
        guard text[index...].hasPrefix(word) else { return false }
        index = text.index(index, offsetBy: word.count)
        return true
    }

    /// A non-negative integer (at most 18 digits).
    mutating func integer() -> Int? {
        var end = index
        var value = 0
        var digits = 0
        while end < text.endIndex, let d = text[end].wholeNumberValue, text[end].isASCII, digits < 18 {
            value = value * 10 + d
            digits += 1
            end = text.index(after: end)
        }
        guard digits > 0 else { return nil }
        index = end
        return value
    }

    /// A decimal number (`-1.5e-3`, `2.3E+00`, `nan`, `inf`), as logs print them.
    mutating func number() -> Double? {
        var end = index
        let allowed: Set<Character> = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "-", "+", "e", "E"]
        while end < text.endIndex, allowed.contains(text[end]) { end = text.index(after: end) }
        let token = text[index..<end]
        if let value = Self.parse(token) { index = end; return value }
        for word in ["nan", "NaN", "inf", "-inf", "Infinity", "-Infinity"] where text[index...].hasPrefix(word) {
            index = text.index(index, offsetBy: word.count)
            return word.hasPrefix("-") ? -.infinity : word.lowercased().hasSuffix("nan") ? .nan : .infinity
        }
        return nil
    }

    static func parse(_ token: Substring) -> Double? {
        guard let first = token.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        guard token.contains(where: \.isNumber) else { return nil }
        return Double(token)
    }

    /// `2024-01-15 10:30:00`, `2024-01-15T10:30:00.123`, `2024-01-15 10:30:00,123` (Python logging)
    /// within the first characters of a line, optionally in brackets: seconds since the epoch,
    /// read as UTC (logs rarely say their zone; only differences between lines matter here).
    static func timestamp(_ line: Substring) -> Double? {
        var i = line.startIndex
        var skipped = 0
        while i < line.endIndex, !line[i].isNumber, skipped < 4 { i = line.index(after: i); skipped += 1 }
        let chars = Array(line[i...].prefix(26))
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var v = 0
            for c in chars[from..<from + count] { guard let d = c.wholeNumberValue, c.isASCII else { return nil }; v = v * 10 + d }
            return v
        }
        guard chars.count >= 19, chars[4] == "-", chars[7] == "-", chars[10] == " " || chars[10] == "T",
              chars[13] == ":", chars[16] == ":",
              let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var fraction = 0.0
        if chars.count > 20, chars[19] == "." || chars[19] == "," {
            var scale = 0.1
            var k = 20
            while k < chars.count, let d = chars[k].wholeNumberValue, chars[k].isASCII { fraction += Double(d) * scale; scale /= 10; k += 1 }
        }
        return Double(daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second) + fraction
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}

/// Splits the metrics part of a log line into `(name, value)` pairs, whatever the producer's style:
/// `name: value`, `name=value`, `name:value`, `name value` and `value unit` (`31.20ms`, `8973 tok/s`,
/// `11.4% bf16 MFU`), separated by `|`, `,` or ` - `. Pieces without a number are skipped.
enum TextLogPairs {
    static func pairs(_ text: Substring) -> [(String, Double)] {
        var out: [(String, Double)] = []
        for piece in split(text) {
            if let run = wordRun(piece) { out += run; continue }
            // torchtune: `loss:2.345 lr:2e-05` (several name:value tokens without spaces after the colon).
            let tokens = piece.split(separator: " ", omittingEmptySubsequences: true)
            if tokens.count > 1, tokens.allSatisfy({ t in t.firstIndex(of: ":").map { t.index(after: $0) < t.endIndex && !t[..<$0].isEmpty } ?? false }) {
                for token in tokens { if let p = pair(token) { out.append(p) } }
                continue
            }
            if let p = pair(piece) { out.append(p) }
        }
        return out
    }

    static func split(_ text: Substring) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            var cut: Substring.Index?
            if c == "|" || c == "," {
                cut = text.index(after: i)
            } else if c == "-", i > text.startIndex, text[text.index(before: i)] == " ", text.index(after: i) < text.endIndex,
                      text[text.index(after: i)] == " " {
                cut = text.index(after: i)
            }
            if let cut {
                pieces.append(text[start..<i])
                start = cut
                i = cut
                continue
            }
            i = text.index(after: i)
        }
        pieces.append(text[start...])
        return pieces.map { trim($0) }.filter { !$0.isEmpty }
    }

    static func trim(_ s: Substring) -> Substring {
        var a = s.startIndex, b = s.endIndex
        while a < b, s[a] == " " || s[a] == "\t" || s[a] == "\r" { a = s.index(after: a) }
        while b > a, [" ", "\t", "\r", "."].contains(s[s.index(before: b)]) { b = s.index(before: b) }
        return s[a..<b]
    }

    /// One piece as a pair, or nil.
    static func pair(_ piece: Substring) -> (String, Double)? {
        // name: value / name=value / name:value
        if let sep = piece.firstIndex(where: { $0 == ":" || $0 == "=" }) {
            let name = trim(piece[..<sep])
            var value = TextLogLine(trim(piece[piece.index(after: sep)...]))
            value.spaces()
            if !name.isEmpty, let v = value.number(), unitOnly(value.rest) { return (String(name), v) }
            return nil
        }
        // name value (the last token is the number, possibly with a unit)
        if let space = piece.lastIndex(of: " ") {
            let name = trim(piece[..<space])
            var value = TextLogLine(piece[piece.index(after: space)...])
            if !name.isEmpty, !name.last!.isNumber, let v = value.number() {
                let unit = value.rest
                if unit.isEmpty || unit == "%" { return (String(name), v) }
                if unitOnly(unit) { return (String(name) + "_" + unit, v) }
            }
        }
        // value unit: `1142.31 ms`, `8973 tok/s`, `11.4% bf16 MFU`
        var line = TextLogLine(piece)
        if let v = line.number() {
            var unit = line.rest
            if unit.hasPrefix("%") { unit = unit.dropFirst() }
            let name = trim(unit)
            if !name.isEmpty, name.first!.isLetter { return (String(name), v) }
        }
        return nil
    }

    /// `learning rate 0.5000 step-time 1.23 perplexity 45.67`: names of words, each ended by a number.
    static func wordRun(_ piece: Substring) -> [(String, Double)]? {
        let words = piece.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count > 2, words.filter({ TextLogLine.parse($0) != nil }).count > 1,
              !piece.contains(":"), !piece.contains("=") else { return nil }
        var out: [(String, Double)] = []
        var name: [Substring] = []
        for word in words {
            if let v = TextLogLine.parse(word), !name.isEmpty {
                out.append((name.joined(separator: " "), v))
                name = []
            } else if TextLogLine.parse(word) == nil {
                name.append(word)
            }
        }
        return out.isEmpty ? nil : out
    }

    /// A short unit after a number (`ms`, `%`, `s`), nothing else.
    static func unitOnly(_ rest: Substring) -> Bool {
        rest.isEmpty || (rest.count <= 4 && rest.allSatisfy { $0.isLetter || $0 == "%" || $0 == "/" })
    }
}
