/// Collects points in logging order and turns them into a `Run`, handling what real logs do:
/// steps that go back (restarts from a checkpoint: the superseded points move to `abandoned` and the
/// restart is recorded), one step logged twice (the later value wins, and that is recorded), and
/// steps outside `StepRule.range` (skipped, and that is recorded).
public struct RunBuilder: Sendable {
    public var name: String
    public var format: String
    public var provenance: Provenance
    public var metadata: RunMetadata

    private var series: [String: Series] = [:]
    private var abandoned: [String: Series] = [:]
    private var duplicates: [String: Int] = [:]
    /// Points skipped because their step is outside `StepRule.range`: count and first such step.
    private var outOfRange: [String: (count: Int, first: Int)] = [:]
    /// Points of series past `maxSeries`, skipped: how many series and points.
    private var overCap: (series: Set<String>, points: Int) = ([], 0)

    /// Series one run may hold: real runs log tens to a few thousand (per-layer norms); a file
    /// that makes more is garbage or hostile, and each series costs memory and a chart.
    public static let maxSeries = 10_000
    private var order: [String] = []
    /// Restarts keyed by restart step: (last step abandoned, points superseded).
    private var restarts: [Int: (through: Int, points: Int)] = [:]
    private let sourcePath: String

    public init(name: String, format: String, sourcePath: String) {
        self.name = name
        self.format = format
        self.sourcePath = sourcePath
        provenance = Provenance()
        metadata = RunMetadata()
    }

    /// Appends one point under a logged key; the key is normalised through `MetricCatalog`.
    public mutating func add(key: String, step: Int, wallTime: Double? = nil, value: Double) {
        let canonical = MetricCatalog.canonical(key)
        add(name: canonical.name, key: key, role: canonical.role, step: step, wallTime: wallTime, value: value)
    }

    /// Appends one point under an already canonical name.
    public mutating func add(name: String, key: String, role: MetricRole, step: Int, wallTime: Double?, value: Double) {
        guard admits(name, points: 1) else { return }
        guard StepRule.contains(step) else { return skip(name: name, key: key, role: role, step: step) }
        var s = takeSeries(name: name, key: key, role: role)
        append(step: step, wallTime: wallTime, value: value, to: &s)
        series[name] = s
    }

    /// Appends many points of one series in logging order (same rules as adding them one by one, but
    /// without a dictionary round trip per point: readers of large files use this).
    public mutating func add(name: String, key: String, role: MetricRole, steps: [Int], wallTimes: [Double]? = nil,
                             values: [Double]) {
        precondition(steps.count == values.count, "steps and values differ in length")
        precondition(wallTimes.map { $0.count == steps.count } ?? true, "wall times differ in length")
        guard admits(name, points: steps.count) else { return }
        if let bad = steps.firstIndex(where: { !StepRule.contains($0) }) {
            // Rare (absurd steps): filter, then add what is left through the usual path.
            var kept: (steps: [Int], walls: [Double], values: [Double]) = ([], [], [])
            for i in steps.indices {
                if i >= bad && !StepRule.contains(steps[i]) {
                    skip(name: name, key: key, role: role, step: steps[i])
                    continue
                }
                kept.steps.append(steps[i])
                kept.walls.append(wallTimes?[i] ?? .nan)
                kept.values.append(values[i])
            }
            if !kept.steps.isEmpty {
                add(name: name, key: key, role: role, steps: kept.steps, wallTimes: kept.walls, values: kept.values)
            }
            return
        }
        if series[name] == nil && Self.strictlyIncreasing(steps) {
            // Nothing to repair: the arrays become the series' storage without a copy.
            order.append(name)
            series[name] = Series(name: name, key: key, role: role, steps: steps, wallTimes: wallTimes ?? [], values: values)
            return
        }
        var s = takeSeries(name: name, key: key, role: role)
        s.reserveCapacity(s.count + steps.count)
        for i in steps.indices {
            append(step: steps[i], wallTime: wallTimes.map { $0[i] }, value: values[i], to: &s)
        }
        series[name] = s
    }

    private static func strictlyIncreasing(_ steps: [Int]) -> Bool {
        var i = 1
        while i < steps.count {
            if steps[i] <= steps[i - 1] { return false }
            i += 1
        }
        return true
    }

    /// Whether points of `name` may be added: an existing series always, a new one while fewer than
    /// `maxSeries` exist (else the points are counted as skipped).
    private mutating func admits(_ name: String, points: Int) -> Bool {
        if series[name] != nil || order.count < Self.maxSeries { return true }
        overCap.series.insert(name)
        overCap.points += points
        return false
    }

    private mutating func skip(name: String, key: String, role: MetricRole, step: Int) {
        if series[name] == nil {
            // Keep the series' place in the logged order even when its first points are skipped.
            series[name] = Series(name: name, key: key, role: role)
            order.append(name)
        }
        let previous = outOfRange[name] ?? (count: 0, first: step)
        outOfRange[name] = (previous.count + 1, previous.first)
    }

    /// Removes the named series from the table (so appending does not copy it), creating it on first use.
    private mutating func takeSeries(name: String, key: String, role: MetricRole) -> Series {
        if let s = series.removeValue(forKey: name) { return s }
        order.append(name)
        return Series(name: name, key: key, role: role)
    }

    private mutating func append(step: Int, wallTime: Double?, value: Double, to s: inout Series) {
        if let last = s.steps.last {
            if step == last {
                // The same value again (HF logs the epoch with every group of metrics) is not a repair.
                guard let previous = s.values.last, previous != value, !(previous.isNaN && value.isNaN) else { return }
                s.replaceLast(wallTime: wallTime, value: value)
                duplicates[s.name, default: 0] += 1
                return
            }
            if step < last {
                let cut = s.lowerBound(of: step)
                let tail = s.removeTail(from: cut)
                var old = abandoned[s.name] ?? Series(name: s.name, key: s.key, role: s.role)
                for i in tail.steps.indices {
                    old.append(step: tail.steps[i], wallTime: tail.wallTimes[i], value: tail.values[i])
                }
                abandoned[s.name] = old
                let previous = restarts[step] ?? (through: last, points: 0)
                restarts[step] = (max(previous.through, last), previous.points + tail.steps.count)
            }
        }
        s.append(step: step, wallTime: wallTime, value: value)
    }

    public mutating func reserve(_ n: Int, for name: String) {
        series[name]?.reserveCapacity(n)
    }

    public mutating func issue(_ kind: IngestIssue.Kind, line: Int? = nil, _ message: String) {
        provenance.issues.append(IngestIssue(kind: kind, path: sourcePath, line: line, message: message))
    }


    public consuming func build() -> Run {
        var provenance = self.provenance
        for name in order {
            if let skipped = outOfRange[name] {
                let n = skipped.count
                provenance.issues.append(IngestIssue(
                    kind: .repair, path: sourcePath,
                    message: "\(name): \(n) point\(n == 1 ? " has" : "s have") a step that is not \(StepRule.description) (first: \(skipped.first)); skipped"))
            }
            if let n = duplicates[name] {
                provenance.issues.append(IngestIssue(
                    kind: .repair, path: sourcePath,
                    message: "\(name): \(n) step\(n == 1 ? " was" : "s were") logged twice; the later value was kept"))
            }
        }
        for (step, r) in restarts.sorted(by: { $0.key < $1.key }) {
            provenance.restarts.append(Restart(step: step, abandonedThrough: r.through, supersededPoints: r.points))
            provenance.issues.append(IngestIssue(
                kind: .repair, path: sourcePath,
                message: "restart: the log goes back from step \(r.through) to step \(step); \(r.points) earlier point\(r.points == 1 ? "" : "s") at steps \(step)...\(r.through) superseded (kept as an abandoned segment)"))
        }
        if !overCap.series.isEmpty {
            provenance.issues.append(IngestIssue(
                kind: .repair, path: sourcePath,
                message: "more than \(Self.maxSeries) series: \(overCap.series.count) more (\(overCap.points) points) skipped"))
        }
        var metadata = self.metadata
        metadata.keepOnlyValidSteps()
        return Run(name: name, format: format, provenance: provenance, metadata: metadata,
                   series: order.compactMap { series[$0] }.filter { !$0.isEmpty }, abandoned: Array(abandoned.values))
    }
}
