import RunModel

/// Reads every source of a run and merges them into one `Run` (README, "A run is everything one
/// training left behind").
///
/// Each canonical series comes from the source that holds most of it (points, then step range, then
/// superseded segments); every other source holding it is cross-checked at the steps both have, and
/// values that differ by more than float32 rounding are a warning naming both files. Evidence only
/// one source has still counts for the run: restarts seen in any source, out-of-memory lines of a
/// text log, a final summary. The run's format is the format of the source most series came from.
enum RunAssembler {
    static func load(_ input: RunInput, registry: FormatRegistry) throws -> Run {
        var parsed: [Run] = []
        var unreadable: [IngestIssue] = []
        for source in input.sources {
            do {
                let format = try registry.require(id: source.format, path: source.location)
                parsed.append(try format.parse(source))
            } catch {
                // A run read from one source fails with that source's error; a broken extra source
                // only costs the run what that source alone would have added.
                guard !input.companions.isEmpty else { throw error }
                let text = (error as? IngestError)?.description ?? "\(error)"
                unreadable.append(IngestIssue(kind: .warning, path: source.files.first ?? source.location,
                                              message: "this source of the run could not be read and was left out (\(text))"))
            }
        }
        guard !parsed.isEmpty else {
            throw IngestError(path: input.location, message: "no source of the run could be read: " + unreadable.map(\.message).joined(separator: "; "))
        }
        var run = merge(parsed)
        run.provenance.issues += unreadable
        if input.isRunFolder { RunFolderFiles.fill(&run.metadata, folder: input.location) }
        run.provenance.logStart = LogStartDetector.start(of: run)
        return run
    }

    /// One run from the runs read from each source (the first is the primary: its name and
    /// metadata win).
    static func merge(_ runs: [Run]) -> Run {
        precondition(!runs.isEmpty, "nothing to merge")
        let paths = runs.map { $0.provenance.sources.first?.path ?? $0.name }
        if runs.count == 1 {
            var run = runs[0]
            run.provenance.seriesSources = Dictionary(run.series.map { ($0.name, paths[0]) }, uniquingKeysWith: { a, _ in a })
            return run
        }
        var names: [String] = []
        for run in runs { for s in run.series where !names.contains(s.name) { names.append(s.name) } }

        var series: [Series] = []
        var abandoned: [Series] = []
        var seriesSources: [String: String] = [:]
        var issues: [IngestIssue] = []
        var seriesPerSource = Array(repeating: 0, count: runs.count)
        for name in names {
            let holders = runs.indices.compactMap { i in runs[i].series(named: name).map { (i, $0) } }
            // Most of the series wins; on a tie, the earlier source (the primary comes first).
            guard let best = holders.max(by: { a, b in
                let sa = score(runs[a.0], a.1), sb = score(runs[b.0], b.1)
                return sa < sb || (sa == sb && a.0 > b.0)
            }) else { continue }
            series.append(best.1)
            seriesSources[name] = paths[best.0]
            seriesPerSource[best.0] += 1
            if let gone = runs[best.0].abandoned.first(where: { $0.name == name }) { abandoned.append(gone) }
            for (i, other) in holders where i != best.0 && Self.isCrossChecked(best.1) {
                if let message = disagreement(best.1, other, chosen: paths[best.0], other: paths[i]) {
                    issues.append(IngestIssue(kind: .warning, path: paths[best.0], message: message))
                }
            }
        }
        let primary = seriesPerSource.indices.max { (seriesPerSource[$0], -$0) < (seriesPerSource[$1], -$1) } ?? 0
        var provenance = Provenance(sources: runs.flatMap(\.provenance.sources), issues: runs.flatMap(\.provenance.issues) + issues,
                                    restarts: mergedRestarts(runs.map(\.provenance.restarts)), seriesSources: seriesSources)
        provenance.sources = provenance.sources.reduce(into: []) { list, s in if !list.contains(where: { $0.path == s.path }) { list.append(s) } }
        var metadata = runs[0].metadata
        for run in runs.dropFirst() { metadata.fill(from: run.metadata) }
        return Run(name: runs[0].name, format: runs[primary].format, provenance: provenance, metadata: metadata, series: series, abandoned: abandoned)
    }

    /// How much of a series a source holds: points, step range, superseded points (a source that saw
    /// a restart holds more of the story than one that rewrote it away).
    private static func score(_ run: Run, _ s: Series) -> (Int, Int, Int) {
        let span = (s.steps.last ?? 0) - (s.steps.first ?? 0)
        return (s.count, span, run.abandoned.first { $0.name == s.name }?.count ?? 0)
    }

    /// Timings (runtimes, throughput, utilisation) are measurements of each logging call, not of the
    /// training: an `evaluate()` repeated at the last step times differently, so they are not compared.
    static func isCrossChecked(_ s: Series) -> Bool {
        switch s.role {
        case .samplesPerSecond, .stepsPerSecond, .tokensPerSecond, .gpuUtilization: return false
        default: return !s.name.hasSuffix("runtime") && !s.name.hasSuffix("per_second")
        }
    }

    /// Restarts from every source; one restart seen by several sources is counted once.
    static func mergedRestarts(_ lists: [[Restart]]) -> [Restart] {
        var byStep: [Int: Restart] = [:]
        for r in lists.joined() {
            if let seen = byStep[r.step] {
                byStep[r.step] = Restart(step: r.step, abandonedThrough: max(seen.abandonedThrough, r.abandonedThrough),
                                         supersededPoints: max(seen.supersededPoints, r.supersededPoints))
            } else {
                byStep[r.step] = r
            }
        }
        return byStep.values.sorted { $0.step < $1.step }
    }

    /// A warning when two sources give different values at the same steps, beyond the rounding each
    /// one applies: TensorBoard stores 32-bit floats, JSON logs print 64-bit ones, and text logs print
    /// a few significant digits (transformers 5 prints `'loss': '4.659'`).
    static func disagreement(_ chosen: Series, _ other: Series, chosen chosenPath: String, other otherPath: String) -> String? {
        var i = 0, j = 0, common = 0, differing = 0
        var first: (step: Int, a: Double, b: Double)?
        while i < chosen.count && j < other.count {
            let a = chosen.steps[i], b = other.steps[j]
            if a < b { i += 1; continue }
            if b < a { j += 1; continue }
            common += 1
            if !sameValue(chosen.values[i], other.values[j]) {
                differing += 1
                if first == nil { first = (a, chosen.values[i], other.values[j]) }
            }
            i += 1
            j += 1
        }
        guard let first else { return nil }
        return "\(chosen.name): \(chosenPath) and \(otherPath) disagree at \(differing) of \(common) common steps (first at step \(first.step): \(first.a) vs \(first.b)); the values of \(chosenPath) are used"
    }

    static func sameValue(_ a: Double, _ b: Double) -> Bool {
        sameWithinFloat32(a, b) || roundsTo(a, b) || roundsTo(b, a)
    }

    /// Whether `exact`, rounded to as many significant digits as `printed` shows, is `printed`.
    static func roundsTo(_ exact: Double, _ printed: Double) -> Bool {
        guard exact.isFinite, printed.isFinite, printed != 0 else { return false }
        let digits = "\(printed.magnitude)".split(separator: "e")[0].filter(\.isNumber).drop { $0 == "0" }
        let significant = max(1, digits.reversed().drop { $0 == "0" }.count)
        guard significant < 15 else { return false }
        let scale = pow10(significant - 1 - Int((printed.magnitude).log10Floor))
        return ((exact * scale).rounded() / scale - printed).magnitude <= printed.magnitude * 1e-12
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(n) { result *= 10 }
        return n < 0 ? 1 / result : result
    }

    static func sameWithinFloat32(_ a: Double, _ b: Double) -> Bool {
        if a == b || (a.isNaN && b.isNaN) { return true }
        guard a.isFinite && b.isFinite else { return false }
        let scale = max(abs(a), abs(b))
        return abs(a - b) <= 2 * Double(Float(scale).ulp)
    }
}

extension Double {
    /// floor(log10(self)) for a positive finite value, without Foundation.
    fileprivate var log10Floor: Int {
        var n = 0
        var v = self
        while v >= 10 { v /= 10; n += 1 }
        while v < 1 { v *= 10; n -= 1 }
        return n
    }
}
