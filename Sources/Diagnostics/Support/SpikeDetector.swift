import Foundation

/// Finds upward spikes in a positive series with robust statistics: each point is compared with the
/// median and MAD (scaled to a standard deviation) of the `window` points before it, in log space so
/// that a 2x jump means the same at loss 8 and at loss 0.2. A point is a spike when it is both more
/// than `z` robust deviations and more than `minRatio` times above the trailing median. Consecutive
/// spike points (gaps of one point allowed) form one event.
struct SpikeDetector: Sendable {
    var window: Int
    var z: Double
    /// A spike must be at least this many times the trailing median (e.g. 1.3 = 30% above).
    var minRatio: Double
    /// Points of history needed before a point can be judged.
    var minHistory: Int { max(5, window / 2) }

    struct Event: Sendable, Equatable {
        var startIndex: Int
        var endIndex: Int
        var peakIndex: Int
        /// Trailing median just before the event.
        var baseline: Double
        /// Peak value over baseline.
        var ratio: Double
    }

    /// Events in index order; `values` must be finite and positive.
    func events(_ values: [Double]) -> [Event] {
        guard values.count > minHistory else { return [] }
        let logs = values.map { Foundation.log($0) }
        let threshold = Foundation.log(minRatio)
        var events: [Event] = []
        var current: Event?
        for i in minHistory..<values.count {
            let history = Array(logs[max(0, i - window)..<i])
            let median = Stats.median(history)
            // A floor of 1% keeps a perfectly flat (or rounded) history from making every wiggle a spike.
            let sigma = max(1.4826 * Stats.mad(history, center: median), 0.01)
            let excess = logs[i] - median
            guard excess > max(z * sigma, threshold) else { continue }
            let ratio = Foundation.exp(excess)
            if var event = current, i - event.endIndex <= 2 {
                event.endIndex = i
                if values[i] > values[event.peakIndex] {
                    event.peakIndex = i
                    event.ratio = values[i] / event.baseline
                }
                current = event
            } else {
                if let event = current { events.append(event) }
                current = Event(startIndex: i, endIndex: i, peakIndex: i, baseline: Foundation.exp(median), ratio: ratio)
            }
        }
        if let event = current { events.append(event) }
        return events
    }
}
