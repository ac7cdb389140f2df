/// Turns run names into folder names that are safe on any file system: no path separators, no
/// `.`/`..`, no control or reserved characters (each run of them becomes one `_`), bounded length
/// (in UTF-8 bytes, which is what file systems limit: 255 per name), and unique within one output.
public enum RunFolderName {
    static let maximumLength = 100
    static let reserved: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]

    /// A safe folder name for one run name.
    public static func make(_ name: String) -> String {
        var out = ""
        var lastWasReplaced = false
        for c in name {
            let unsafe = reserved.contains(c) || c.isWhitespace
                || c.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
            if unsafe {
                if !lastWasReplaced { out.append("_") }
                lastWasReplaced = true
            } else {
                out.append(c)
                lastWasReplaced = false
            }
        }
        while let first = out.first, first == "." || first == "_" || first == "-" { out.removeFirst() }
        while let last = out.last, last == "." || last == "_" { out.removeLast() }
        if out.utf8.count > maximumLength {
            var cut = ""
            for c in out {
                guard cut.utf8.count + c.utf8.count <= maximumLength else { break }
                cut.append(c)
            }
            out = cut
        }
        return out.isEmpty ? "run" : out
    }

    /// Safe folder names for several runs, in order; duplicates (ignoring case, as some file systems
    /// do) get `-2`, `-3`... appended.
    public static func assign(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.map { name in
            let base = make(name)
            var candidate = base
            var n = 2
            while used.contains(candidate.lowercased()) {
                candidate = "\(base)-\(n)"
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}
