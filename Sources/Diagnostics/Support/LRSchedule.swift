import Foundation
import RunModel

/// The learning-rate schedule a run really had, recovered from the logged LR: warmup, peak, decay
/// shape and where it ended. HF logs the LR after the scheduler step, so during linear warmup the LR
/// at step s is peak * s / warmup_steps, which gives the warmup length even between logged points.
struct LRSchedule: Sendable, Equatable {
    enum Shape: String, Sendable {
        case constant, linear, cosine
        /// Not one of the three (step decay, inverse square root, restarts...).
        case other
        /// Too few points after the peak to tell.
        case unknown
    }

    var firstStep: Int
    var lastStep: Int
    var firstLR: Double
    var peak: Double
    var peakStep: Int
    /// 0 when the first logged LR is already (nearly) the peak.
    var warmupSteps: Int
    /// Planned length of the run (max_steps when known, else the last step).
    var totalSteps: Int
    /// True when the LR was still rising at the last logged point (warmup never finished).
    var stillRising: Bool
    var shape: Shape
    /// Last logged LR as a fraction of the peak.
    var finalFraction: Double

    var warmupRatio: Double { totalSteps > 0 ? Double(warmupSteps) / Double(totalSteps) : 0 }
    var hasWarmup: Bool { warmupSteps > 0 }

    /// nil when the series has fewer than 3 finite points or never goes above zero.
    static func analyze(_ series: Series, plannedSteps: Int?) -> LRSchedule? {
        let points = FinitePoints(series)
        guard points.count >= 3, let peak = points.values.max(), peak > 0,
              let peakIndex = points.values.firstIndex(of: peak),
              let firstStep = points.steps.first, let lastStep = points.steps.last,
              let firstLR = points.values.first, let lastLR = points.values.last else { return nil }
        let total = max(plannedSteps ?? lastStep, lastStep)
        let stillRising = peakIndex == points.count - 1 && firstLR < 0.9 * peak
        var warmup = 0
        if firstLR < 0.9 * peak {
            warmup = warmupLength(points, peak: peak, peakIndex: peakIndex)
        }
        let shape = decayShape(points, peak: peak, peakIndex: peakIndex, total: total)
        return LRSchedule(firstStep: firstStep, lastStep: lastStep, firstLR: firstLR, peak: peak,
                          peakStep: points.steps[peakIndex], warmupSteps: warmup, totalSteps: total,
                          stillRising: stillRising, shape: stillRising ? .unknown : shape,
                          finalFraction: lastLR / peak)
    }

    /// Linear-warmup estimate peak * s / lr over the rising points, kept within (last rising step, peak step].
    private static func warmupLength(_ points: FinitePoints, peak: Double, peakIndex: Int) -> Int {
        var estimates: [Double] = []
        var lastRisingStep = points.steps[0]
        for i in 0..<peakIndex where points.values[i] < 0.95 * peak {
            lastRisingStep = points.steps[i]
            if points.values[i] > 0 && points.steps[i] > 0 {
                estimates.append(Double(points.steps[i]) * peak / points.values[i])
            }
        }
        let peakStep = points.steps[peakIndex]
        guard !estimates.isEmpty else { return peakStep }
        let estimate = Int(Stats.median(estimates).rounded())
        return min(max(estimate, lastRisingStep + 1), peakStep)
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

    /// "warmup 200 steps (10%), peak 2e-4 @ 200, cosine decay to 1% of peak".
    var summary: String {
        var parts: [String] = []
        if stillRising {
            parts.append("still warming up at step \(lastStep)")
        } else if hasWarmup {
            parts.append("warmup \(Format.count(warmupSteps, "step")) (\(Format.percent(warmupRatio)))")
        } else {
            parts.append("no warmup")
        }
        parts.append("peak \(Format.number(peak)) @ \(peakStep)")
        switch shape {
        case .constant: parts.append("then constant")
        case .linear, .cosine: parts.append("\(shape.rawValue) decay to \(Format.percent(finalFraction)) of peak")
        case .other: parts.append("then non-standard decay to \(Format.percent(finalFraction)) of peak")
        case .unknown: break
        }
        return parts.joined(separator: ", ")
    }
}
