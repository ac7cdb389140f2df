import RunModel

/// Keys written more than once inside one JSON object (`{"step": 3, "loss": 1.0, "loss": 1.1}`). The
/// later value is kept, as Python's `json.loads` does. This is not a step logged twice (the entry was
/// logged once, by a writer that repeated a key), so it is reported here, once per key and file, as a
/// repair naming the first entry where it happened, and never reaches `RunBuilder` as two points.
struct RepeatedKeys {
    private struct Seen {
        var line: Int
        var place: String?
        var entries: Int
        var mostTimes: Int
    }

    private var order: [String] = []
    private var seen: [String: Seen] = [:]

    /// Whether `key` was noted already (so a caller can skip working out a location it will not use).
    func contains(_ key: String) -> Bool { seen[key] != nil }

    /// Records that `key` appeared `times` (>= 2) times in one entry; `place` names the entry when a
    /// line alone does not (e.g. `log_history[12]`).
    mutating func note(_ key: String, times: Int, line: Int, place: String? = nil) {
        if var s = seen[key] {
            s.entries += 1
            s.mostTimes = max(s.mostTimes, times)
            seen[key] = s
        } else {
            order.append(key)
            seen[key] = Seen(line: line, place: place, entries: 1, mostTimes: times)
        }
    }

    /// One repair per repeated key, at the line of its first occurrence.
    func report(into builder: inout RunBuilder) {
        for key in order {
            guard let s = seen[key] else { continue }
            let times = s.mostTimes == 2 ? "twice" : "up to \(s.mostTimes) times"
            let place = s.place.map { "\($0): " } ?? ""
            let spread = s.entries == 1 ? "" : " (in \(s.entries) entries; this is the first)"
            builder.issue(.repair, line: s.line, "\(place)key '\(key)' appears \(times) in one entry\(spread); the later value was kept")
        }
    }

    /// The members of an object with each key once, at its first position with its last value, and how
    /// many times each repeated key appeared.
    static func lastWins(_ members: [(String, JSONValue)]) -> (members: [(String, JSONValue)], repeated: [(key: String, times: Int)]) {
        guard members.count > 1, Set(members.lazy.map(\.0)).count < members.count else { return (members, []) }
        var out: [(String, JSONValue)] = []
        var index: [String: Int] = [:]
        var times: [String: Int] = [:]
        var repeated: [String] = []
        for (key, value) in members {
            if let i = index[key] {
                out[i].1 = value
                if times[key] == nil { repeated.append(key) }
                times[key, default: 1] += 1
            } else {
                index[key] = out.count
                out.append((key, value))
            }
        }
        return (out, repeated.map { ($0, times[$0] ?? 2) })
    }
}
