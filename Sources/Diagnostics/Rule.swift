import RunModel

/// One diagnostic check over a run. Each rule lives in its own file under `Rules/`, states in its doc
/// comment what it detects and its thresholds, and keeps its messages next to it. Rules read the raw
/// series (never a smoothed or downsampled copy) and return findings as values.
public protocol Rule: Sendable {
    /// Stable kebab-case id: the finding id, the key in config files, the name in `trainreport rules`.
    var id: String { get }
    /// One line saying what the rule detects.
    var summary: String { get }
    /// The thresholds the rule reads through its context, with their defaults.
    var thresholds: [Threshold] { get }
    /// The findings for `run`; empty when the rule has nothing to say or too little data to say it.
    func check(_ run: Run, context: RuleContext) -> [Finding]
}
