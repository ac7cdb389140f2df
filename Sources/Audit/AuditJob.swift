/// One run found in an archive, to be reported by an audit.
public struct AuditJob: Sendable, Equatable {
    /// Display name of the run.
    public var name: String
    /// The path to hand to the loader (a file or a run directory).
    public var path: String
    /// Path shown in the index: relative to the archive root it was found under.
    public var displayPath: String
    /// Every input file the run is read from: their sizes and times decide whether a rerun redoes it.
    public var inputs: [String]
    /// Folder name of its report inside the audit output folder (unique within one audit, the same in
    /// every shard: see `AuditFolderNames`).
    public var reportDir: String
    /// What identifies the run whatever machine lists the archive: the archive root (with several),
    /// the path inside it and the run's name. Decides its shard (`ShardAssignment`).
    public var key: String

    public init(name: String, path: String, displayPath: String, inputs: [String], reportDir: String, key: String? = nil) {
        self.name = name
        self.path = path
        self.displayPath = displayPath
        self.inputs = inputs
        self.reportDir = reportDir
        self.key = key ?? RunKey(root: "", path: displayPath, name: name).text
    }
}

/// The identity of a run in an archive, independent of how the archive was spelled on the command
/// line (`arch`, `./arch/`, `/abs/arch`) when there is one root.
public struct RunKey: Sendable, Equatable {
    /// The archive root as given (standardized) when an audit has several roots; empty with one.
    public var root: String
    /// The run's location relative to its root.
    public var path: String
    public var name: String

    /// Fields joined by the ASCII unit separator, which no path or run name from discovery holds.
    public var text: String { [root, path, name].joined(separator: "\u{1F}") }
}
