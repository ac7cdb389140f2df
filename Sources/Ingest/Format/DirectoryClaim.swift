/// Runs a format finds in a directory as a whole, and the entries they account for (so discovery
/// neither reads those files again nor descends into those subdirectories, e.g. `checkpoint-N/`).
public struct DirectoryClaim: Sendable, Equatable {
    public var runs: [RunInput]
    /// File names (in the directory) read by the runs.
    public var files: Set<String>
    /// Subdirectory names covered by the runs.
    public var directories: Set<String>

    public init(runs: [RunInput] = [], files: Set<String> = [], directories: Set<String> = []) {
        self.runs = runs
        self.files = files
        self.directories = directories
    }

    public var isEmpty: Bool { runs.isEmpty }
}
