import RunModel

/// `throughput-drop`: training throughput fell well below its typical level for a sustained stretch,
/// or the log shows long stalls.
///
/// Throughput is the logged tokens/s, else samples/s, else steps/s; without any, steps/s computed
/// from the wall times of the training loss (intervals that contain an evaluation are left out: an
/// eval pause is not a slowdown). A drop is a run of at least `min_points` consecutive points below
/// `drop_fraction` of the median: a warning. A stall is a gap between logged training points longer
/// than `stall_factor` times the median gap and at least `min_stall_seconds` (again not counting
/// evaluations or restarts): info, or a warning when the stalls add up to more than
/// `max_stall_share` of the run's wall-clock time.
///
/// Thresholds: `drop_fraction` (0.5), `min_points` (5), `stall_factor` (10), `min_stall_seconds` (300),
/// `max_stall_share` (0.1).
struct ThroughputDropRule: Rule {
    let id = "throughput-drop"
    let summary = "Tokens/s (or samples/s, or steps/s from wall time) falls well below its typical level for a sustained stretch, or long stalls between logs."

    static let dropFraction = Threshold("drop_fraction", 0.5, "throughput below this fraction of the median counts as a drop")
    static let minPoints = Threshold("min_points", 5, "consecutive low points that make a sustained drop")
    static let stallFactor = Threshold("stall_factor", 10, "a gap between logs this many times the median gap is a stall")
    static let minStallSeconds = Threshold("min_stall_seconds", 300, "shortest gap (seconds) counted as a stall")
    static let maxStallShare = Threshold("max_stall_share", 0.1, "share of wall-clock time in stalls above which it is a warning")
    var thresholds: [Threshold] { [Self.dropFraction, Self.minPoints, Self.stallFactor, Self.minStallSeconds, Self.maxStallShare] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        if let (rate, unit, name) = throughput(run), let drop = drop(rate, unit: unit, metric: name, context: context) {
            findings.append(drop)
        }
        if let stall = stalls(run, context: context) { findings.append(stall) }
        return findings
    }

    private func throughput(_ run: Run) -> (FinitePoints, String, String?)? {
        if let s = run.series(.tokensPerSecond) { return (FinitePoints(s), "tokens/s", s.name) }
        if let s = run.series(.samplesPerSecond) { return (FinitePoints(s), "samples/s", s.name) }
        if let s = run.series(.stepsPerSecond) { return (FinitePoints(s), "steps/s", s.name) }
        guard let train = run.series(.trainLoss), train.hasWallTime else { return nil }
        let evalSteps = run.series(.evalLoss)?.steps ?? []
        var steps: [Int] = [], rates: [Double] = []
        for i in 1..<max(1, train.count) {
            let dt = train.wallTimes[i] - train.wallTimes[i - 1]
            let ds = train.steps[i] - train.steps[i - 1]
            guard dt.isFinite, dt > 0, ds > 0, !containsEval(evalSteps, after: train.steps[i - 1], through: train.steps[i]) else { continue }
            steps.append(train.steps[i])
            rates.append(Double(ds) / dt)
        }
        return (FinitePoints(steps: steps, values: rates), "steps/s", nil)
    }

    private func containsEval(_ evalSteps: [Int], after a: Int, through b: Int) -> Bool {
        evalSteps.contains { $0 > a && $0 <= b } || evalSteps.contains(a)
    }

    private func drop(_ rate: FinitePoints, unit: String, metric: String?, context: RuleContext) -> Finding? {
        guard rate.count >= 20 else { return nil }
        let typical = Stats.median(rate.values)
        guard typical > 0 else { return nil }
        let limit = context[Self.dropFraction] * typical
        var best: Range<Int>?
        var start: Int?
        for i in 0...rate.count {
            if i < rate.count && rate.values[i] < limit {
                if start == nil { start = i }
            } else if let s = start {
                if (i - s) > (best?.count ?? 0) { best = s..<i }
                start = nil
            }
        }
        guard let stretch = best, stretch.count >= max(1, context.count(Self.minPoints)) else { return nil }
        let level = rate.median(stretch)
        let first = rate.steps[stretch.lowerBound], last = rate.steps[stretch.upperBound - 1]
        return Finding(
            id: id, severity: .warning,
            title: "Throughput fell to \(Format.percent(level / typical)) of normal over steps \(first)-\(last)",
            message: "From step \(first) to \(last) (\(Format.count(stretch.count, "logged point"))) throughput was \(Format.number(level)) \(unit), against a median of \(Format.number(typical)) \(unit) over the run.",
            steps: first...last, metric: metric,
            evidence: [
                Evidence("typical", .number(typical)),
                Evidence("during_drop", .number(level)),
                Evidence("points", .integer(stretch.count)),
                Evidence("unit", .text(unit)),
            ],
            why: "A sustained slowdown wastes GPU time and usually has a cause outside the model: a slow data loader, another job on the GPU, thermal throttling, swapping, or a network file system.",
            fixes: [
                "Check what else ran on the machine during those steps (nvidia-smi, other jobs).",
                "Speed up data loading: dataloader_num_workers=4 or more, dataloader_pin_memory=True, pre-tokenised data.",
                "If sequence lengths grew there, use group_by_length=True or packing.",
            ])
    }

    private func stalls(_ run: Run, context: RuleContext) -> Finding? {
        guard let train = run.series(.trainLoss), train.hasWallTime, train.count >= 10 else { return nil }
        var gaps: [(from: Int, to: Int, seconds: Double)] = []
        for i in 1..<train.count {
            let dt = train.wallTimes[i] - train.wallTimes[i - 1]
            if dt.isFinite && dt > 0 { gaps.append((train.steps[i - 1], train.steps[i], dt)) }
        }
        guard gaps.count >= 9, let t0 = train.wallTimes.first(where: \.isFinite), let t1 = train.wallTimes.last(where: \.isFinite), t1 > t0 else { return nil }
        let typical = Stats.median(gaps.map(\.seconds))
        let evalSteps = run.series(.evalLoss)?.steps ?? []
        let restarts = run.provenance.restarts.map(\.step)
        let stalls = gaps.filter { g in
            g.seconds > max(context[Self.stallFactor] * typical, context[Self.minStallSeconds])
                && !containsEval(evalSteps, after: g.from, through: g.to)
                && !restarts.contains { $0 > g.from && $0 <= g.to }
        }
        guard let first = stalls.first, let last = stalls.last, let longest = stalls.max(by: { $0.seconds < $1.seconds }) else { return nil }
        let total = stalls.reduce(0) { $0 + $1.seconds }
        let share = total / (t1 - t0)
        return Finding(
            id: id, severity: share > context[Self.maxStallShare] ? .warning : .info,
            title: "\(Format.count(stalls.count, "stall")) between logged steps, \(Format.number(total / 60)) minutes in all",
            message: "\(Format.count(stalls.count, "gap")) between training logs far longer than the usual \(Format.number(typical)) s; the longest \(Format.number(longest.seconds / 60)) minutes between steps \(longest.from) and \(longest.to); \(Format.percent(share)) of the run's wall-clock time.",
            steps: first.from...last.to, metric: train.name,
            evidence: [
                Evidence("stalls", .integer(stalls.count)),
                Evidence("stalled_seconds", .number(total)),
                Evidence("longest_seconds", .number(longest.seconds)),
                Evidence("share_of_run", .number(share)),
            ],
            why: "Long pauses outside evaluation are time the GPU sat idle: checkpoint saving to slow storage, a stuck data loader, or the job being suspended.",
            fixes: [
                "If the stalls line up with saves, save less often (save_steps) or to faster local storage; save_total_limit keeps fewer checkpoints.",
                "Check the data loader (dataloader_num_workers, streaming datasets) and the cluster's job log for suspensions.",
            ])
    }
}
