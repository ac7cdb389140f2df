import RunModel

/// One line of the audit index: a run that was reported, or one that could not be read.
public struct AuditRow: Sendable, Equatable, Codable {
    public var name: String
    /// The run's path as given under the archive root.
    public var path: String
    /// Modification time of the newest input file, ISO 8601 (UTC), e.g. `2026-03-01T12:00:00Z`.
    public var date: String
    public var format: String
    public var steps: Int?
    public var finalTrainLoss: Double?
    public var bestEvalLoss: Double?
    public var bestEvalStep: Int?
    /// `healthy`, `attention`, `failed`, or `error` when the run could not be read.
    public var verdict: String
    public var verdictReason: String
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    /// Finding ids at warning or error severity, for filtering.
    public var findingIds: [String]
    /// Path of the run's report folder relative to the audit output folder.
    public var reportDir: String?
    /// Why the run could not be read, when `verdict == "error"`.
    public var error: String?
    /// When the run started by its own logs (its first wall time), ISO 8601 (UTC); nil when the logs
    /// carry no clock time. Unlike `date`, it survives copying the files.
    public var started: String?
    /// What is wrong in a few words: the titles of the warnings and errors, most severe first
    /// ("Eval loss worsened 26% after its best at step 75; also: no warmup"); empty when none.
    public var summary: String
    /// Finding ids at info severity (e.g. `resumed`), for the index's badges and filters.
    public var infoIds: [String]

    public init(name: String, path: String, date: String, format: String, steps: Int? = nil, finalTrainLoss: Double? = nil,
                bestEvalLoss: Double? = nil, bestEvalStep: Int? = nil, verdict: String, verdictReason: String = "",
                errors: Int = 0, warnings: Int = 0, infos: Int = 0, findingIds: [String] = [], reportDir: String? = nil,
                error: String? = nil, started: String? = nil, summary: String = "", infoIds: [String] = []) {
        self.name = name
        self.path = path
        self.date = date
        self.format = format
        self.steps = steps
        self.finalTrainLoss = finalTrainLoss
        self.bestEvalLoss = bestEvalLoss
        self.bestEvalStep = bestEvalStep
        self.verdict = verdict
        self.verdictReason = verdictReason
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
        self.findingIds = findingIds
        self.reportDir = reportDir
        self.error = error
        self.started = started
        self.summary = summary
        self.infoIds = infoIds
    }

    /// Sort rank so that the runs needing attention come first: failed, error, attention, healthy.
    public var attentionRank: Int {
        switch verdict {
        case "failed": return 0
        case "error": return 1
        case "attention": return 2
        default: return 3
        }
    }
}
