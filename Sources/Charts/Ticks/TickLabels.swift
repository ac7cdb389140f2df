/// Tick labels plus what applies to all of them: an offset to add (`+2.301`) or nothing.
/// SI suffixes and exponents are written into each label, so they need no annotation.
public struct TickLabels: Sendable, Equatable {
    public var labels: [String]
    /// Added to every label's value to get the data value, e.g. `+2.301`; shown at the axis end.
    public var offset: String?

    public init(labels: [String], offset: String? = nil) {
        self.labels = labels
        self.offset = offset
    }
}
