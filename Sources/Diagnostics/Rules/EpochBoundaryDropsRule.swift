import RunModel

/// `epoch-boundary-drops`: the training loss drops sharply at each epoch boundary, the "staircase"
/// of multi-epoch fine-tuning: the model has started to recognise examples it has seen (fast.ai,
/// "Can LLMs learn from a single example?"; "The Epochal Sawtooth Phenomenon").
///
/// At each integer epoch boundary (from the logged `epoch`), the median of the `window` training
/// points before is compared with the median of the `window` points after. A boundary counts when the
/// drop is at least `min_drop` (relative) and more than `trend_factor` times the typical drop between
/// neighbouring windows inside the epochs. Epochs need at least 2 x `window` logged points each, or
/// the windows would straddle several boundaries. The rule fires when at least half of the boundaries count.
/// Severity: warning when the eval loss is worse at the end than at the first boundary (memorisation
/// is costing generalisation), else info.
///
/// Thresholds: `window` (5 points), `min_drop` (0.1), `trend_factor` (3).
struct EpochBoundaryDropsRule: Rule {
    let id = "epoch-boundary-drops"
    let summary = "The training loss drops sharply at each epoch boundary (memorisation in multi-epoch fine-tuning)."

    static let window = Threshold("window", 5, "training points on each side of a boundary")
    static let minDrop = Threshold("min_drop", 0.1, "relative drop across a boundary that counts")
    static let trendFactor = Threshold("trend_factor", 3, "how many times the typical within-epoch drop a boundary drop must exceed")
    var thresholds: [Threshold] { [Self.window, Self.minDrop, Self.trendFactor] }

    struct Boundary {
        var epoch: Int
        var step: Int
        var before: Double
        var after: Double
        var drop: Double { (before - after) / before }
    }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard let trainSeries = run.series(.trainLoss), let epochSeries = run.series(.epoch) else { return [] }
        let train = FinitePoints(trainSeries), epochs = FinitePoints(epochSeries)
        guard train.count >= 20, train.values.allSatisfy({ $0 > 0 }), let maxEpoch = epochs.values.max(), maxEpoch >= 1.5 else { return [] }
        let w = max(2, context.count(Self.window))
        guard Double(train.count) / maxEpoch >= Double(2 * w) else { return [] }
        let boundaryIndices = (1...Int(maxEpoch.rounded(.down))).compactMap { k -> (Int, Int)? in
            guard let e = epochs.values.firstIndex(where: { $0 >= Double(k) }) else { return nil }
            let i = train.steps.firstIndex { $0 > epochs.steps[e] } ?? train.count
            return i >= w && i + w <= train.count ? (k, i) : nil
        }
        guard !boundaryIndices.isEmpty else { return [] }
        let boundaries = boundaryIndices.map { k, i in
            Boundary(epoch: k, step: train.steps[i], before: train.median((i - w)..<i), after: train.median(i..<(i + w)))
        }
        let cuts = Set(boundaryIndices.map(\.1))
        var inside: [Double] = []
        for i in stride(from: w, through: train.count - w, by: w) where !cuts.contains(where: { abs($0 - i) < w }) {
            let before = train.median((i - w)..<i)
            inside.append((before - train.median(i..<(i + w))) / before)
        }
        let typical = inside.isEmpty ? 0 : max(0, Stats.median(inside))
        let counted = boundaries.filter { $0.drop >= context[Self.minDrop] && $0.drop > context[Self.trendFactor] * typical }
        guard counted.count * 2 >= boundaries.count, let first = counted.first, let last = counted.last else { return [] }
        var severity = Severity.info
        var evalNote = ""
        if let eval = run.series(.evalLoss).map(FinitePoints.init), let atFirst = eval.median(near: boundaries[0].step, radius: max(1, boundaries[0].step / 10)),
           let final = eval.values.last, final > atFirst * 1.02 {
            severity = .warning
            evalNote = " Meanwhile the eval loss rose from \(Format.number(atFirst)) near the first boundary to \(Format.number(final)) at the end."
        }
        let list = counted.map { "epoch \($0.epoch) at step \($0.step): \(Format.number($0.before)) → \(Format.number($0.after)) (-\(Format.percent($0.drop)))" }
        return [Finding(
            id: id, severity: severity,
            title: "Training loss drops at \(Format.count(counted.count, "epoch boundary", plural: "epoch boundaries")) (staircase)",
            message: "The training loss falls sharply as each new epoch starts: " + list.joined(separator: "; ")
                + ", against a typical within-epoch change of \(Format.percent(typical)).\(evalNote)",
            steps: first.step...last.step, metric: trainSeries.name,
            evidence: [
                Evidence("boundaries", .integer(boundaries.count)),
                Evidence("dropping_boundaries", .integer(counted.count)),
                Evidence("largest_drop", .number(counted.map(\.drop).max() ?? 0)),
                Evidence("typical_within_epoch", .number(typical)),
            ],
            why: "A drop exactly when the data starts repeating means the model recognises examples it has already seen: it is memorising the training set, which often costs generalisation.",
            fixes: [
                "Train for fewer epochs (num_train_epochs=1 or 2) or pick the checkpoint at the end of epoch 1.",
                "Lower learning_rate: memorisation in repeated epochs grows with the LR.",
                "Add more (or more varied) training data instead of more epochs.",
            ])]
    }
}
