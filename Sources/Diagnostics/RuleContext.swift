/// What a rule may read besides the run: its thresholds, with any overrides from the config applied.
public struct RuleContext: Sendable {
    /// Overridden threshold values by name; thresholds not listed keep their defaults.
    public var overrides: [String: Double]

    public init(overrides: [String: Double] = [:]) {
        self.overrides = overrides
    }

    /// The value in force for `threshold`.
    public subscript(_ threshold: Threshold) -> Double {
        overrides[threshold.name] ?? threshold.defaultValue
    }

    /// The value in force for a threshold that counts something (points, evaluations).
    public func count(_ threshold: Threshold) -> Int {
        max(0, Int(self[threshold].rounded()))
    }
}
