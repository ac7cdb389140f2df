/// Where a run came from and everything ingestion noticed or repaired on the way. Nothing is
/// repaired silently: every skipped line, duplicate step or restart leaves an `IngestIssue`.
public struct Provenance: Sendable, Equatable {
    public var sources: [SourceFile]
    public var issues: [IngestIssue]
    public var restarts: [Restart]
    /// The file each series was read from, by series name (a run assembled from several sources
    /// takes each series from the source that holds most of it).
    public var seriesSources: [String: String]
    /// Where the log starts when it starts mid-training (a continuation log); nil when it starts at
    /// the beginning of training.
    public var logStart: LogStart?

    public init(sources: [SourceFile] = [], issues: [IngestIssue] = [], restarts: [Restart] = [],
                seriesSources: [String: String] = [:], logStart: LogStart? = nil) {
        self.sources = sources
        self.issues = issues
        self.restarts = restarts
        self.seriesSources = seriesSources
        self.logStart = logStart
    }

    /// The source of a series, if recorded.
    public func source(ofSeries name: String) -> SourceFile? {
        guard let path = seriesSources[name] else { return nil }
        return sources.first { $0.path == path }
    }
}

/// A log that starts mid-training (resumed from a checkpoint with a fresh log, or cut at the front):
/// the step, and the epoch when the log says it, of its first point.
public struct LogStart: Sendable, Equatable {
    public var step: Int
    public var epoch: Double?

    public init(step: Int, epoch: Double? = nil) {
        self.step = step
        self.epoch = epoch
    }
}

public struct SourceFile: Sendable, Equatable {
    public var path: String
    /// Format id, e.g. `hf-trainer-state`, `tensorboard-csv`, `jsonl`.
    public var format: String
    /// Why this file was chosen, when a directory was given (e.g. "newest checkpoint-1500/").
    public var note: String?

    public init(path: String, format: String, note: String? = nil) {
        self.path = path
        self.format = format
        self.note = note
    }
}

public struct IngestIssue: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Something a reader should know (e.g. a TensorBoard export that may be a 1,000-point sample).
        case warning
        /// Input that was changed or skipped to make sense of it (truncated last line, duplicate step).
        case repair
    }

    public var kind: Kind
    public var path: String
    public var line: Int?
    public var message: String

    public init(kind: Kind, path: String, line: Int? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.message = message
    }

    /// The repair a text log records when its last line has no end (the writer was killed mid-write,
    /// or is still writing); `run-truncated` takes a "mid-line" repair as the mark of a killed run.
    public static let endsMidLine = "the log ends mid-line (the writer was killed, or is still writing); the cut line is not read"

    /// `path:line: message`, the form printed by `inspect`.
    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return "\(location): \(message)"
    }
}

/// The log went back to `step` (a restart from a checkpoint): points logged earlier at steps >= `step`
/// were superseded and kept aside in `Run.abandoned`.
public struct Restart: Sendable, Equatable {
    public var step: Int
    /// The last step the earlier writer reached before the restart.
    public var abandonedThrough: Int
    /// How many points (over all series) the restart superseded.
    public var supersededPoints: Int

    public init(step: Int, abandonedThrough: Int, supersededPoints: Int) {
        self.step = step
        self.abandonedThrough = abandonedThrough
        self.supersededPoints = supersededPoints
    }
}
