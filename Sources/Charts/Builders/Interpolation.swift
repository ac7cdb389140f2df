/// Piecewise-linear interpolation over sorted knots, extrapolating linearly past the ends.
enum Interpolation {
    static func linear(_ t: Double, xs: [Double], ys: [Double]) -> Double {
        let n = xs.count
        guard n >= 2 else { return ys.first ?? t }
        var lo = 0, hi = n - 1
        if t <= xs[0] {
            hi = 1
        } else if t >= xs[n - 1] {
            lo = n - 2
        } else {
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if xs[mid] <= t { lo = mid } else { hi = mid }
            }
        }
        let dx = xs[hi] - xs[lo]
        guard dx != 0 else { return ys[lo] }
        return ys[lo] + (t - xs[lo]) / dx * (ys[hi] - ys[lo])
    }
}
