import Foundation

/// Drops the points of a polyline that lie within `tolerance` of the straight line the kept points
/// draw through them: a far smaller path with the same picture when the tolerance is far below a
/// device pixel.
///
/// Charts use 0.01 pt (1/7200 inch; a hundredth of a pixel at 1.5x, still under a pixel at 3200%
/// zoom in a PDF viewer). A learning-rate schedule or a smoothed loss drawn at two points per device
/// pixel is mostly such points, and every point costs a PDF about 10,000 instructions in Cairo
/// (number printing, line wrapping, compression): the benchmark report's PDF paths went from 9,207
/// points to 6,387.
///
/// One pass (the "sleeve" method): from the last kept point, the directions that keep every point
/// since within the tolerance narrow to a cone; a point whose own direction leaves the cone ends
/// the segment at the point before it.
public enum CollinearPoints {
    /// `points` without those within `tolerance` of the segment between the points kept around them.
    /// The first and last points are always kept.
    public static func removed(from points: [Point], tolerance: Double) -> [Point] {
        guard points.count > 2, tolerance > 0 else { return points }
        var kept: [Point] = [points[0]]
        kept.reserveCapacity(points.count)
        var anchor = 0
        var cone = Cone(anchor: points[0])
        var i = 1
        while i < points.count {
            if cone.admits(points[i], tolerance: tolerance) {
                i += 1
            } else if i - 1 == anchor {
                // Not even the next point fits a fresh cone (a non-finite coordinate): keep it.
                kept.append(points[i])
                anchor = i
                cone = Cone(anchor: points[i])
                i += 1
            } else {
                // The segment ends at the point before: it starts the next one.
                anchor = i - 1
                kept.append(points[anchor])
                cone = Cone(anchor: points[anchor])
            }
        }
        if anchor != points.count - 1 { kept.append(points[points.count - 1]) }
        return kept
    }

    /// The directions from `anchor` that pass within the tolerance of every point admitted so far,
    /// kept as the cone's two edge directions (vectors, so no trigonometry per point), and the
    /// farthest distance from the anchor reached.
    ///
    /// A point is admitted only if its direction is inside the cone and it is at least as far from
    /// the anchor as every point before it: then each earlier point lies within the tolerance of the
    /// line to it and projects onto the segment (not beyond its end), so it lies within the
    /// tolerance of the segment itself.
    struct Cone {
        let anchor: Point
        var reference: (x: Double, y: Double)?
        /// The cone's clockwise and counter-clockwise edges; nil until a point is farther from the
        /// anchor than the tolerance.
        var lower: (x: Double, y: Double)?, upper: (x: Double, y: Double)?
        var reach2 = 0.0

        init(anchor: Point) {
            self.anchor = anchor
        }

        static func cross(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
            a.x * b.y - a.y * b.x
        }

        /// Whether a segment from the anchor to `p` passes within `tolerance` of every point
        /// admitted so far; if so, `p` narrows the cone for the points after it.
        mutating func admits(_ p: Point, tolerance: Double) -> Bool {
            let v = (x: p.x - anchor.x, y: p.y - anchor.y)
            let distance2 = v.x * v.x + v.y * v.y
            guard distance2.isFinite, distance2 >= reach2 else { return false }
            // Within the tolerance of the anchor before any point farther away: on any segment
            // from the anchor (later, such a point would come back towards the anchor: refused above).
            if distance2 <= tolerance * tolerance {
                reach2 = distance2
                return true
            }
            let distance = distance2.squareRoot()
            if reference == nil { reference = (v.x / distance, v.y / distance) }
            // The cone is narrower than a half turn; this keeps a point behind the anchor out of it.
            guard reference!.x * v.x + reference!.y * v.y > 0 else { return false }
            if let lower, let upper, Self.cross(lower, v) < 0 || Self.cross(v, upper) < 0 { return false }
            // The directions passing within the tolerance of p: v turned by at most asin(tolerance / distance).
            let sine = tolerance / distance, cosine = (1 - sine * sine).squareRoot()
            let clockwise = (x: v.x * cosine + v.y * sine, y: v.y * cosine - v.x * sine)
            let counter = (x: v.x * cosine - v.y * sine, y: v.y * cosine + v.x * sine)
            if lower == nil || Self.cross(lower!, clockwise) > 0 { lower = clockwise }
            if upper == nil || Self.cross(counter, upper!) > 0 { upper = counter }
            reach2 = distance2
            return true
        }
    }
}
