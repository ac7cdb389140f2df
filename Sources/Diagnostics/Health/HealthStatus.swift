/// How a core metric looks in this run.
public enum HealthStatus: String, Sendable, Equatable, CaseIterable {
    case ok
    /// Worth a look: a warning concerns this metric.
    case watch
    /// An error concerns this metric, or it went clearly wrong.
    case problem
    /// The logs do not carry this metric.
    case notLogged = "not logged"
}
