/// Count, range and extremes of a series, as `inspect` prints them. `min`/`max` are over finite values.
public struct SeriesSummary: Sendable, Equatable {
    public var count: Int
    public var firstStep: Int?
    public var lastStep: Int?
    public var first: Double?
    public var last: Double?
    public var min: Double?
    public var minStep: Int?
    public var max: Double?
    public var maxStep: Int?
    public var nonFinite: Int
}

extension Series {
    public var summary: SeriesSummary {
        var s = SeriesSummary(count: count, firstStep: steps.first, lastStep: steps.last,
                              first: values.first, last: values.last, nonFinite: 0)
        for i in values.indices {
            let v = values[i]
            guard v.isFinite else { s.nonFinite += 1; continue }
            if s.min.map({ v < $0 }) ?? true { s.min = v; s.minStep = steps[i] }
            if s.max.map({ v > $0 }) ?? true { s.max = v; s.maxStep = steps[i] }
        }
        return s
    }

    /// The finite values only, in step order.
    public var finiteValues: [Double] { values.filter(\.isFinite) }
}
