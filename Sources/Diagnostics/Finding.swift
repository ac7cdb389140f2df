import RunModel

public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One problem (or fact) found in a run, with the numbers that prove it and what to change.
public struct Finding: Sendable, Equatable {
    /// Stable kebab-case id (`overfitting`, `loss-nonfinite`...): a contract for JSON and config.
    public var id: String
    public var severity: Severity
    /// One line, e.g. "Eval loss rose 24% after its best at step 800".
    public var title: String
    /// The numbers that prove it: steps, values, ratios.
    public var message: String
    /// The step range the finding covers, for charts to mark.
    public var steps: ClosedRange<Int>?
    /// Canonical name of the series the finding is about (e.g. `eval/loss`), for charts.
    public var metric: String?
    /// Named figures behind the message, in a stable order (e.g. ("best_step", "800")).
    public var evidence: [Evidence]
    /// Why it matters, in a sentence or two.
    public var why: String
    /// Concrete fixes, most useful first, naming the setting to change where one exists.
    public var fixes: [String]

    public init(id: String, severity: Severity, title: String, message: String, steps: ClosedRange<Int>? = nil,
                metric: String? = nil, evidence: [Evidence] = [], why: String = "", fixes: [String] = []) {
        self.id = id
        self.severity = severity
        self.title = title
        self.message = message
        self.steps = steps
        self.metric = metric
        self.evidence = evidence
        self.why = why
        self.fixes = fixes
    }
}

/// A named figure behind a finding; `value` is a number or a short text.
public struct Evidence: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case number(Double)
        case integer(Int)
        case text(String)
    }

    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}
