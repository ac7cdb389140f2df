/// Which event files in one folder belong to one training, and which are other trainings that
/// happen to share the folder (README, "Event files: one run or several").
///
/// A resume is a new process, often on a new host, so host and pid decide nothing. Files are taken
/// in the order they were first written; a file continues an earlier group when it shares tags with
/// it, starts after the group's last write, and does not start over (at or before the group's first
/// step) with a tag set that is not the same training's (neither set contains the other). Otherwise
/// it is another run: disjoint tags, a restart from the beginning with other tags, or wall times
/// that overlap (two writers at the same time).
struct TFEventsContinuation {
    /// What one file says about its writer: tags, and the steps and wall times it covers.
    struct Extent: Equatable {
        var path: String
        var tags: Set<String>
        var firstStep: Int
        var lastStep: Int
        var firstWall: Double
        var lastWall: Double
    }

    /// Seconds two writers may seem to overlap by (clock granularity, a flush at close).
    static let wallSlack = 1.0

    /// The files grouped into runs, each group in writing order; groups ordered by their first file.
    /// One file, or files without scalars, need no reading beyond their names.
    static func groups(_ paths: [String]) -> [[String]] {
        guard paths.count > 1 else { return paths.isEmpty ? [] : [paths] }
        let ordered = TFEventsFileName.writingOrder(paths)
        var groups: [(files: [String], extent: Extent?)] = []
        for path in ordered {
            guard let e = extent(path) else {
                // No scalars (or unreadable): it cannot be told apart, so it stays with the latest group.
                if groups.isEmpty { groups.append(([path], nil)) } else { groups[groups.count - 1].files.append(path) }
                continue
            }
            if let i = groups.indices.reversed().first(where: { groups[$0].extent.map { continues($0, e) } ?? true }) {
                groups[i].files.append(path)
                groups[i].extent = groups[i].extent.map { merged($0, e) } ?? e
            } else {
                groups.append(([path], e))
            }
        }
        return groups.map(\.files)
    }

    /// Whether `next` (written later) continues the training whose files so far cover `earlier`.
    static func continues(_ earlier: Extent, _ next: Extent) -> Bool {
        guard !earlier.tags.isDisjoint(with: next.tags) else { return false }
        guard next.firstWall >= earlier.lastWall - wallSlack else { return false }
        let startsOver = next.firstStep <= earlier.firstStep
        let sameTraining = earlier.tags.isSubset(of: next.tags) || next.tags.isSubset(of: earlier.tags)
        return !startsOver || sameTraining
    }

    static func merged(_ a: Extent, _ b: Extent) -> Extent {
        Extent(path: b.path, tags: a.tags.union(b.tags), firstStep: min(a.firstStep, b.firstStep), lastStep: max(a.lastStep, b.lastStep),
               firstWall: min(a.firstWall, b.firstWall), lastWall: max(a.lastWall, b.lastWall))
    }

    /// The extent of one file's scalars, or nil when it has none or cannot be read.
    static func extent(_ path: String) -> Extent? {
        guard let read = try? FileBytes.withContents(path, { TFEventsReader.read($0) }) else { return nil }
        var tags = Set<String>()
        var firstStep = Int.max, lastStep = Int.min
        var firstWall = Double.infinity, lastWall = -Double.infinity
        for column in read.columns where !column.steps.isEmpty {
            if HFSummaryTags.summaryKey(of: column.tag) == nil { tags.insert(column.tag) }
            firstStep = min(firstStep, column.steps.min() ?? firstStep)
            lastStep = max(lastStep, column.steps.max() ?? lastStep)
            for w in column.wallTimes where w.isFinite {
                firstWall = min(firstWall, w)
                lastWall = max(lastWall, w)
            }
        }
        guard firstStep <= lastStep else { return nil }
        if firstWall > lastWall { (firstWall, lastWall) = (0, 0) }
        if tags.isEmpty { tags = Set(read.columns.map(\.tag)) }
        return Extent(path: path, tags: tags, firstStep: firstStep, lastStep: lastStep, firstWall: firstWall, lastWall: lastWall)
    }
}

/// `events.out.tfevents.<unix time>.<host>[.<pid>.<n>]`, possibly after a prefix (a copy flattened
/// into one folder): when and where the writer was created.
struct TFEventsFileName {
    /// What comes before `events.out.tfevents`, without trailing separators.
    var prefix: String
    var time: Double?
    var host: String?
    var fileName: String

    init(_ path: String) {
        fileName = RunNaming.lastComponent(path)
        let marker = "events.out.tfevents."
        guard let range = fileName.range(of: marker) else {
            prefix = ""
            return
        }
        prefix = String(fileName[..<range.lowerBound].reversed().drop { $0 == "_" || $0 == "-" || $0 == "." }.reversed())
        var parts = fileName[range.upperBound...].split(separator: ".").map(String.init)
        guard !parts.isEmpty else { return }
        time = Double(parts.removeFirst())
        if parts.last == "profile-empty" || parts.last == "v2" { parts.removeLast() }
        while parts.count > 1, let last = parts.last, last.allSatisfy(\.isNumber) { parts.removeLast() }
        host = parts.isEmpty ? nil : parts.joined(separator: ".")
    }

    /// Paths in the order their files were created (the time in the name, then the name; names
    /// without a time last).
    static func writingOrder(_ paths: [String]) -> [String] {
        paths.map { (path: $0, name: TFEventsFileName($0)) }.sorted { a, b in
            let ta = a.name.time ?? .infinity, tb = b.name.time ?? .infinity
            return ta != tb ? ta < tb : a.name.fileName < b.name.fileName
        }.map(\.path)
    }
}
