import Foundation

/// Drops the points of a polyline that lie within `tolerance` of the straight line the kept points
/// draw through them: a far smaller path with the same picture when the tolerance is far below a
/// device pixel.
///
/// Charts use 0.01 pt (1/7200 inch; a hundredth of a pixel at 1.5x, still under a pixel at 3200%
/// zoom in a PDF viewer). A learning-rate schedule or a smoothed loss drawn at two points per device
/// pixel is mostly such points, and every point costs a PDF about 10,000 instructions in Cairo
/// (number printing, line wrapping, compression): the benchmark report's PDF paths went from 9,207
/// points to 6,388.
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
    /// as angles relative to the first direction (so they never wrap around at +-pi), and how far
    /// along that direction the points have reached.
    struct Cone {
        let anchor: Point
        var reference: (x: Double, y: Double)?
        var lower = -Double.pi, upper = Double.pi
        var reach = 0.0

        init(anchor: Point) {
            self.anchor = anchor
        }

        /// Whether a segment from the anchor to `p` passes within `tolerance` of every point
        /// admitted so far; if so, `p` narrows the cone for the points after it.
        mutating func admits(_ p: Point, tolerance: Double) -> Bool {
            let dx = p.x - anchor.x, dy = p.y - anchor.y
            let distance = (dx * dx + dy * dy).squareRoot()
            guard distance.isFinite else { return false }
            // Within the tolerance of the anchor: on any segment from it.
            if distance <= tolerance { return true }
            let ref: (x: Double, y: Double)
            if let reference {
                ref = reference
            } else {
                ref = (dx / distance, dy / distance)
                reference = ref
            }
            let along = ref.x * dx + ref.y * dy
            let angle = atan2(ref.x * dy - ref.y * dx, along)
            // A point that turns back would end a segment short of the points before it.
            guard angle >= lower, angle <= upper, along >= reach - tolerance else { return false }
            let spread = asin(tolerance / distance)
            lower = max(lower, angle - spread)
            upper = min(upper, angle + spread)
            reach = max(reach, along)
            return true
        }
    }
}
