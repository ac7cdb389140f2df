/// The files one run is read from, as a format or `RunDiscovery` decided.
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

    public init(name: String, format: String, files: [String], note: String? = nil, location: String) {
        self.name = name
        self.format = format
        self.files = files
        self.note = note
        self.location = location
    }
}
