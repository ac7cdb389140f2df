/// Maps a data domain onto [0, 1] and back. Layout multiplies the unit value by the plot's size.
public protocol Scale: Sendable {
    /// The domain ends as given: `lower` maps to 0 and `upper` to 1 (they may be reversed).
    var lower: Double { get }
    var upper: Double { get }
    /// The unit position of `value` (outside [0, 1] when the value is outside the domain).
    func normalize(_ value: Double) -> Double
    /// The value at unit position `t`.
    func invert(_ t: Double) -> Double
}
