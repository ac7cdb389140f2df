import Foundation
import RunModel

/// The learning-rate schedule a run really had, recovered from the logged LR: warmup, peak, decay
/// shape and where it ended. The single source of truth for the schedule: rules, the health table and
/// the learning-rate chart all read it. During linear warmup the logged LR lies on a line
/// (peak * (s - onset) / warmup_steps, where HF's onset is 0 or 1 depending on when it logs), so a line
/// through the rising points gives the warmup length and where it ends even between logged points.
public struct LRSchedule: Sendable, Equatable {
    public enum Shape: String, Sendable {
        case constant, linear, cosine
        /// Not one of the three (step decay, inverse square root, restarts...).
        case other
        /// Too few points after the peak to tell.
        case unknown
    }

    public var firstStep: Int
    public var lastStep: Int
    public var firstLR: Double
    public var peak: Double
    public var peakStep: Int
    /// 0 when the first logged LR is already (nearly) the peak.
    public var warmupSteps: Int
    /// The step at which warmup reaches the peak (the first logged point at the peak can come later);
    /// equal to `firstStep` when there is no warmup.
    public var warmupEndStep: Int
    /// Planned length of the run (max_steps when known, else the last step).
    public var totalSteps: Int
    /// True when the LR was still rising at the last logged point (warmup never finished).
    public var stillRising: Bool
    public var shape: Shape
    /// Last logged LR as a fraction of the peak.
    public var finalFraction: Double

    public var warmupRatio: Double { totalSteps > 0 ? Double(warmupSteps) / Double(totalSteps) : 0 }
    public var hasWarmup: Bool { warmupSteps > 0 }

    /// nil when the series has fewer than 3 finite points or never goes above zero.
    public static func analyze(_ series: Series, plannedSteps: Int?) -> LRSchedule? {
        let points = FinitePoints(series)
        guard points.count >= 3, let peak = points.values.max(), peak > 0,
              let peakIndex = points.values.firstIndex(of: peak),
              let firstStep = points.steps.first, let lastStep = points.steps.last,
              let firstLR = points.values.first, let lastLR = points.values.last else { return nil }
        let total = max(plannedSteps ?? lastStep, lastStep)
        let stillRising = peakIndex == points.count - 1 && firstLR < 0.9 * peak
        var warmup = (steps: 0, end: firstStep)
        if firstLR < 0.9 * peak {
            warmup = warmupLength(points, peak: peak, peakIndex: peakIndex)
        }
        let shape = decayShape(points, peak: peak, peakIndex: peakIndex, total: total)
        return LRSchedule(firstStep: firstStep, lastStep: lastStep, firstLR: firstLR, peak: peak,
                          peakStep: points.steps[peakIndex], warmupSteps: warmup.steps, warmupEndStep: warmup.end, totalSteps: total,
                          stillRising: stillRising, shape: stillRising ? .unknown : shape,
                          finalFraction: lastLR / peak)
    }

    /// Linear warmup fitted through the rising points (below 95% of the peak, above zero): it ends where
    /// the line reaches the peak, kept within (last rising step, peak step], and lasts from where the
    /// line leaves zero (not before step 0). With one rising point the warmup is taken to start at 0.
    private static func warmupLength(_ points: FinitePoints, peak: Double, peakIndex: Int) -> (steps: Int, end: Int) {
        var steps: [Double] = [], values: [Double] = []
        var lastRisingStep = points.steps[0]
        for i in 0..<peakIndex where points.values[i] < 0.95 * peak {
            lastRisingStep = points.steps[i]
            if points.values[i] > 0 {
                steps.append(Double(points.steps[i]))
                values.append(points.values[i])
            }
        }
        let peakStep = points.steps[peakIndex]
        var onset = 0.0, end = Double(peakStep)
        if let slope = Stats.slope(steps, values), slope > 0 {
            let intercept = Stats.mean(values) - slope * Stats.mean(steps)
            onset = max(0, -intercept / slope)
            end = (peak - intercept) / slope
        } else if let step = steps.last, let value = values.last, step > 0 {
            end = step * peak / value
        }
        // Clamped before converting: a garbled LR (1e300 among 1e-4s) makes the fitted line's ends
        // huge or infinite, which `Int(_:)` cannot hold.
        let endStep = end.isFinite ? Int(min(max(end.rounded(), Double(lastRisingStep + 1)), Double(peakStep))) : peakStep
        let onsetStep = onset.isNaN ? 0 : Int(min(onset, Double(endStep)).rounded())
        return (max(0, endStep - onsetStep), endStep)
    }

    /// Best of constant / linear-to-zero / cosine-to-zero by mean absolute error on LR/peak against
    /// progress from the peak to the planned end; `other` when none fits within 0.08.
    private static func decayShape(_ points: FinitePoints, peak: Double, peakIndex: Int, total: Int) -> Shape {
        let peakStep = points.steps[peakIndex]
        let span = Double(total - peakStep)
        guard points.count - peakIndex >= 4, span > 0 else { return .unknown }
        let candidates: [Shape] = [.constant, .linear, .cosine]
        var errors = [Double](repeating: 0, count: candidates.count)
        for i in peakIndex..<points.count {
            let t = min(1, Double(points.steps[i] - peakStep) / span)
            let y = points.values[i] / peak
            let expected: [Double] = [1, 1 - t, 0.5 * (1 + cos(Double.pi * t))]
            for k in candidates.indices { errors[k] += abs(y - expected[k]) }
        }
        let n = Double(points.count - peakIndex)
        guard let best = errors.indices.min(by: { errors[$0] < errors[$1] }), errors[best] / n <= 0.08 else { return .other }
        return candidates[best]
    }

    /// "warmup 200 steps (10%) ending at step 200, peak 2e-4 at step 200, cosine decay to 1% of peak":
    /// the warmup end is `warmupEndStep`, the step the LR chart marks.
    public var summary: String {
        var parts: [String] = []
        if stillRising {
            parts.append("still warming up at step \(lastStep)")
        } else if hasWarmup {
            parts.append("warmup \(Format.count(warmupSteps, "step")) (\(Format.percent(warmupRatio))) ending at step \(warmupEndStep)")
        } else {
            parts.append("no warmup")
        }
        parts.append("peak \(Format.number(peak))" + (hasWarmup && peakStep != warmupEndStep ? " (first logged at step \(peakStep))" : " at step \(peakStep)"))
        switch shape {
        case .constant: parts.append("then constant")
        case .linear, .cosine: parts.append("\(shape.rawValue) decay to \(Format.percent(finalFraction)) of peak")
        case .other: parts.append("then non-standard decay to \(Format.percent(finalFraction)) of peak")
        case .unknown: break
        }
        return parts.joined(separator: ", ")
    }

    /// Where a linear or cosine decay that has not reached zero would end, fitted through the points
    /// after the peak: (shape, end step). nil when the LR is not decaying along either curve (within a
    /// mean error of 3% of the peak), has fewer than 5 points after the peak, or already ended below
    /// 20% of its peak (a floor such as cosine-with-min-LR, or a finished schedule).
    public static func unfinishedDecay(_ series: Series) -> (shape: Shape, endStep: Int)? {
        let points = FinitePoints(series)
        guard let peak = points.values.max(), peak > 0, let p = points.values.firstIndex(of: peak),
              points.count - p >= 5, let last = points.values.last, last / peak >= 0.2, last / peak < 0.95 else { return nil }
        let xs = (p..<points.count).map { Double(points.steps[$0] - points.steps[p]) }
        let ys = (p..<points.count).map { points.values[$0] / peak }
        guard zip(ys, ys.dropFirst()).allSatisfy({ $1 <= $0 + 1e-12 }) else { return nil }
        var best: (shape: Shape, k: Double, error: Double)?
        for shape in [Shape.linear, .cosine] {
            let zs = ys.map { y in shape == .linear ? 1 - y : acos(max(-1, min(1, 2 * y - 1))) / Double.pi }
            let sxx = xs.reduce(0) { $0 + $1 * $1 }
            guard sxx > 0 else { return nil }
            let k = zip(xs, zs).reduce(0) { $0 + $1.0 * $1.1 } / sxx
            guard k > 0 else { continue }
            let predicted = xs.map { x in shape == .linear ? max(0, 1 - k * x) : 0.5 * (1 + cos(Double.pi * min(1, k * x))) }
            let error = zip(predicted, ys).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(ys.count)
            if error <= 0.03 && error < (best?.error ?? .infinity) { best = (shape, k, error) }
        }
        guard let best else { return nil }
        let end = Double(points.steps[p]) + 1 / best.k
        guard end.isFinite, end < 1e12 else { return nil }
        return (best.shape, Int(end.rounded()))
    }
}
