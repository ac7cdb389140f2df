import RunModel

/// Whether a log starts mid-training (a resume that opened a fresh log, a log cut at the front):
/// its first step is far from 0, or its first epoch shows whole epochs already done.
///
/// "Far" is measured in the log's own logging interval (the median step between points of the
/// training loss, or of the series with most points): a log whose first point comes more than
/// `intervals` intervals after step 0 did not see the start. Logs that write a point every N steps
/// start at step N, which is one interval, so they start at the beginning.
enum LogStartDetector {
    static let intervals = 2.0

    static func start(of run: Run) -> LogStart? {
        let reference = run.series(.trainLoss) ?? run.series.filter { !$0.isEmpty }.max { $0.count < $1.count }
        guard let reference, reference.count >= 2, let first = reference.steps.first else { return nil }
        let epochs = run.series(.epoch)
        let firstEpoch = epochs?.values.first { $0.isFinite }
        // The median gap is at least the smallest: most logs are shown near their start by the
        // smallest gap alone, without sorting every gap.
        let farInSteps = first > 0 && Double(first) > intervals * Double(smallestInterval(reference.steps))
            && Double(first) > intervals * Double(medianInterval(reference.steps))
        var farInEpochs = false
        if let epochs, let firstEpoch, firstEpoch >= 1 {
            let spacing = medianInterval(epochs.values.filter(\.isFinite))
            farInEpochs = firstEpoch > intervals * max(spacing, 0.5)
        }
        guard farInSteps || farInEpochs else { return nil }
        let epochAtStart = epochs.flatMap { e -> Double? in
            let i = e.lowerBound(of: first)
            return i < e.count ? e.values[i] : firstEpoch
        }
        return LogStart(step: first, epoch: epochAtStart)
    }

    /// The smallest positive step between points (0 when there is none).
    private static func smallestInterval(_ steps: [Int]) -> Int {
        var smallest = 0
        var i = 1
        while i < steps.count {
            let gap = steps[i] - steps[i - 1]
            if gap > 0 && (smallest == 0 || gap < smallest) { smallest = gap }
            i += 1
        }
        return smallest
    }

    private static func medianInterval<T: Numeric & Comparable>(_ values: [T]) -> T {
        guard values.count >= 2 else { return 0 }
        let gaps = zip(values.dropFirst(), values).map { $0 - $1 }.filter { $0 > 0 }.sorted()
        return gaps.isEmpty ? 0 : gaps[gaps.count / 2]
    }
}
