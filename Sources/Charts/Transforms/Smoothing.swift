/// TensorBoard's classic smoothing (`line_chart_v2/data_transformer.ts`): a debiased exponential
/// moving average, so a weight of 0.6 draws the curve TensorBoard's slider draws at 0.6.
///
/// `last = last * w + (1 - w) * y; smoothed = last / (1 - w^n)` over the finite points seen so far;
/// non-finite points pass through unchanged (and do not enter the average); a constant series is
/// returned untouched. For drawing only: rules read raw values.
public enum Smoothing {
    public static func ema(_ values: [Double], weight: Double) -> [Double] {
        guard let first = values.first, weight > 0 else { return values }
        if values.allSatisfy({ $0 == first }) { return values }
        let w = min(weight, 1)
        var last = 0.0
        // w^n kept as a running product: the same value as pow(w, n) to rounding, without a pow per point.
        var weightPower = 1.0
        var out = [Double]()
        out.reserveCapacity(values.count)
        for y in values {
            guard y.isFinite else {
                out.append(y)
                continue
            }
            last = last * w + (1 - w) * y
            weightPower *= w
            let debias = w == 1 ? 1 : 1 - weightPower
            out.append(last / debias)
        }
        return out
    }

    /// A weight that gives a curve of about 40 visibly independent stretches whatever the number
    /// of points: 0 for 40 points or fewer, 0.6 for 100, 0.96 for 1,000, at most 0.999; rounded
    /// (to 0.01, or 0.001 above 0.99) so the note under the chart reads well.
    public static func defaultWeight(pointCount n: Int) -> Double {
        guard n > 40 else { return 0 }
        let w = min(0.999, 1 - 40 / Double(n))
        return w >= 0.99 ? (w * 1000).rounded(.down) / 1000 : (w * 100).rounded(.down) / 100
    }
}
