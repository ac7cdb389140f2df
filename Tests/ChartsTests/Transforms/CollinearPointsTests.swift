import Foundation
import TestSupport
import Testing
@testable import Charts

struct CollinearPointsTests {
    /// Distance from `p` to the segment a-b.
    static func distance(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        let t = length2 == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2))
        let x = a.x + t * dx - p.x, y = a.y + t * dy - p.y
        return (x * x + y * y).squareRoot()
    }

    /// Every input point lies within `tolerance` of the kept polyline, between the kept points
    /// around it; the kept points are input points, in order, first and last included.
    static func checkFaithful(_ points: [Point], _ kept: [Point], tolerance: Double) {
        #expect(kept.first == points.first && kept.last == points.last)
        var k = 0
        for p in points {
            if k + 1 < kept.count, p == kept[k + 1] { k += 1 }
            let segmentEnd = kept[min(k + 1, kept.count - 1)]
            #expect(distance(p, kept[k], segmentEnd) <= tolerance * (1 + 1e-9), "\(p) is \(distance(p, kept[k], segmentEnd)) away")
        }
        #expect(k == kept.count - 1, "the kept points appear in order in the input")
    }

    @Test func pointsOnAStraightLineLeaveItsEnds() {
        let line = (0...200).map { Point(x: Double($0) * 0.5, y: 10 + Double($0) * 0.25) }
        #expect(CollinearPoints.removed(from: line, tolerance: 0.01) == [line[0], line[200]])
    }

    @Test func aWarmupThenCosineScheduleKeepsFewPointsAndStaysWithinTheTolerance() {
        // 2,000 steps over 500 pt: linear warmup for 200 steps, then cosine decay; y spans 300 pt.
        let points = (0..<2000).map { step -> Point in
            let s = Double(step)
            let lr = step < 200 ? s / 200 : 0.5 * (1 + cos(Double.pi * (s - 200) / 1800))
            return Point(x: 50 + s * 0.25, y: 350 - lr * 300)
        }
        let kept = CollinearPoints.removed(from: points, tolerance: 0.01)
        #expect(kept.count < 400, "kept \(kept.count)")
        Self.checkFaithful(points, kept, tolerance: 0.01)
    }

    @Test func aNoisyLineKeepsItsZigzags() {
        let points = (0..<500).map { i in Point(x: Double(i) * 0.5, y: 100 + (i % 2 == 0 ? 0.5 : -0.5)) }
        let kept = CollinearPoints.removed(from: points, tolerance: 0.01)
        #expect(kept == points, "every turn is far beyond the tolerance")
    }

    @Test func smoothedNoiseStaysWithinTheToleranceOfWhatIsKept() {
        // A deterministic smoothed random walk, as an EMA of a noisy loss draws it.
        var random = SplitMix64(state: 42)
        var level = 200.0
        let points = (0..<3000).map { i -> Point in
            level = level * 0.98 + (200 + (random.unit() - 0.5) * 30) * 0.02
            return Point(x: Double(i) * 0.2, y: level)
        }
        for tolerance in [0.001, 0.01, 0.1] {
            let kept = CollinearPoints.removed(from: points, tolerance: tolerance)
            #expect(kept.count < points.count)
            Self.checkFaithful(points, kept, tolerance: tolerance)
        }
    }

    @Test func aLineThatTurnsBackKeepsTheTurn() {
        let points = [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 5, y: 0), Point(x: 20, y: 0)]
        let kept = CollinearPoints.removed(from: points, tolerance: 0.01)
        #expect(kept.contains(Point(x: 10, y: 0)) && kept.contains(Point(x: 5, y: 0)))
        Self.checkFaithful(points, kept, tolerance: 0.01)
    }

    @Test func shortOrDegenerateLinesAreKeptAsTheyAre() {
        let two = [Point(x: 0, y: 0), Point(x: 1, y: 1)]
        #expect(CollinearPoints.removed(from: two, tolerance: 0.01) == two)
        let same = Array(repeating: Point(x: 3, y: 3), count: 5)
        #expect(CollinearPoints.removed(from: same, tolerance: 0.01) == [same[0], same[4]])
        let nan = [Point(x: 0, y: 0), Point(x: .nan, y: 1), Point(x: 2, y: 2)]
        #expect(CollinearPoints.removed(from: nan, tolerance: 0.01).count == 3)
    }
}

/// Lines whose points share an x (whole-second wall times, rounded epochs) or step back: a point
/// close to the segment's start must not end a segment that skips what lies between.
struct CollinearPointsRepeatedXTests {
    @Test func aSpikeBetweenTwoPointsAtTheSamePlaceIsKept() {
        let points = [Point(x: 0, y: 0), Point(x: 5, y: 5), Point(x: 0, y: 0), Point(x: -5, y: 5)]
        #expect(CollinearPoints.removed(from: points, tolerance: 0.01) == points)
    }

    @Test func aPointJustBeyondTheEndOfTheSegmentIsKept() {
        let points = [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 0.99, y: 0.0098), Point(x: 0, y: 5)]
        let kept = CollinearPoints.removed(from: points, tolerance: 0.01)
        #expect(kept.contains(Point(x: 1, y: 0)))
        CollinearPointsTests.checkFaithful(points, kept, tolerance: 0.01)
    }

    @Test func randomLinesWithRepeatedOrCrowdedXStayWithinTheTolerance() {
        var random = SplitMix64(state: 7)
        func unit() -> Double { random.unit() }
        for spacing in [0, 0.003, 0.05, 0.5] {
            for _ in 0..<300 {
                // Three points per x on average, y a few hundredths to a few points apart.
                let scale = [0.02, 0.3, 3][Int(unit() * 3)]
                let points = (0..<60).map { i in
                    Point(x: Double(i / 3) * spacing + unit() * spacing * 0.1, y: unit() * scale)
                }
                CollinearPointsTests.checkFaithful(points, CollinearPoints.removed(from: points, tolerance: 0.01),
                                                   tolerance: 0.01)
            }
        }
    }
}
