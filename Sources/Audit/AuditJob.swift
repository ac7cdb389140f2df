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
    /// Folder name of its report inside the audit output folder (unique within one audit).
    public var reportDir: String

    public init(name: String, path: String, displayPath: String, inputs: [String], reportDir: String) {
        self.name = name
        self.path = path
        self.displayPath = displayPath
        self.inputs = inputs
        self.reportDir = reportDir
    }
}
