/// Status of one core metric in the health table.
public enum ReportHealthStatus: String, Sendable, CaseIterable {
    case ok
    case watch
    case problem
    case notLogged = "not-logged"

    /// As shown to a reader.
    public var label: String {
        switch self {
        case .ok: return "ok"
        case .watch: return "watch"
        case .problem: return "problem"
        case .notLogged: return "not logged"
        }
    }
}
