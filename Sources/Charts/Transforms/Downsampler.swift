/// Per-pixel-column downsampling for drawing: in each column it keeps the first, the last, the
/// minimum and the maximum finite point and the first non-finite point, in their original order.
/// The line drawn through what is kept covers exactly the pixels the full line covers, so no spike
/// disappears, no NaN gap closes, and the output is bounded by about 5 points per column whatever
/// the input length.
public enum Downsampler {
    /// Indices to keep, ascending. `xs` must be sorted ascending; `x` outside `[xLower, xUpper]`
    /// land in the first or last column. `columns` is the plot width in device pixels.
    public static func indices(xs: [Double], ys: [Double], xLower: Double, xUpper: Double, columns: Int) -> [Int] {
        precondition(xs.count == ys.count, "xs and ys differ in length")
        let n = xs.count
        guard columns > 0, n > columns * 4 else { return Array(0..<n) }
        let span = xUpper - xLower
        guard span > 0, span.isFinite else { return Array(0..<n) }
        let scale = Double(columns) / span
        var keep: [Int] = []
        keep.reserveCapacity(columns * 5)
        var column = Int.min
        var first = 0, last = -1, lowest = -1, highest = -1, nonFinite = -1

        func flush() {
            guard last >= 0 else { return }
            var picked = [first, last]
            if lowest >= 0 { picked.append(lowest) }
            if highest >= 0 { picked.append(highest) }
            if nonFinite >= 0 { picked.append(nonFinite) }
            picked.sort()
            var previous = -1
            for i in picked where i != previous {
                keep.append(i)
                previous = i
            }
        }

        for i in 0..<n {
            let c = xs[i].isFinite ? min(columns - 1, max(0, Int((xs[i] - xLower) * scale))) : column
            if c != column {
                flush()
                column = c
                first = i
                lowest = -1
                highest = -1
                nonFinite = -1
            }
            last = i
            let y = ys[i]
            if y.isFinite {
                if lowest < 0 || y < ys[lowest] { lowest = i }
                if highest < 0 || y > ys[highest] { highest = i }
            } else if nonFinite < 0 {
                nonFinite = i
            }
        }
        flush()
        return keep
    }
}
