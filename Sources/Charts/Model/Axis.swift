/// One axis of a panel: its title (with units) and how its domain is chosen.
public struct Axis: Sendable, Equatable {
    public enum ScaleKind: String, Sendable { case linear, log }

    public var title: String
    public var scale: ScaleKind
    /// Fixed domain ends; nil ends follow the data.
    public var lower: Double?
    public var upper: Double?
    /// Whether the data-derived domain is widened to whole tick steps (y axes).
    public var nice: Bool
    /// How tick labels and off-scale labels write large numbers.
    public var notation: NumberNotation
    /// Values above this do not widen the data-derived domain: a run's divergence or the steep first
    /// steps of a loss curve. `offScale` layers mark them on the top edge with their value, so
    /// nothing is hidden. Nil: every value fits.
    public var ceiling: Double?

    public init(title: String, scale: ScaleKind = .linear, lower: Double? = nil, upper: Double? = nil, nice: Bool = false,
                notation: NumberNotation = .si, ceiling: Double? = nil) {
        self.title = title
        self.scale = scale
        self.lower = lower
        self.upper = upper
        self.nice = nice
        self.notation = notation
        self.ceiling = ceiling
    }
}
