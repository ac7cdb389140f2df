/// The files one run is read from, as a format or `RunDiscovery` decided: a primary source (this
/// input's format and files) and the other sources found in the same run folder (`companions`),
/// which `RunAssembler` reads and merges into one run.
public struct RunInput: Sendable, Equatable {
    /// Display name of the run (the output directory's name, not "trainer_state").
    public var name: String
    /// Format id.
    public var format: String
    /// One file for most formats; every tag file of a folder of TensorBoard exports.
    public var files: [String]
    /// Why these files were chosen when a directory was given (e.g. "newest checkpoint-1500/").
    public var note: String?
    /// Where the run was found (the directory, or the file itself).
    public var location: String
    /// True when `location` is a folder holding one run (an HF output dir, a Lightning `version_N`):
    /// every source found anywhere below it belongs to this run.
    public var isRunFolder: Bool
    /// The run's other sources (each with its own format and files), in the order they were found.
    public var companions: [RunInput]

    public init(name: String, format: String, files: [String], note: String? = nil, location: String,
                isRunFolder: Bool = false, companions: [RunInput] = []) {
        self.name = name
        self.format = format
        self.files = files
        self.note = note
        self.location = location
        self.isRunFolder = isRunFolder
        self.companions = companions
    }

    /// Every source: this input without its companions, then the companions.
    public var sources: [RunInput] {
        var primary = self
        primary.companions = []
        return [primary] + companions
    }

    /// Every file the run is read from, over all sources.
    public var allFiles: [String] { files + companions.flatMap(\.files) }
}
