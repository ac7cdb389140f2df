/// The entries of one directory, split into files and subdirectories (symlinks resolved), sorted by name.
public struct DirectoryListing: Sendable, Equatable {
    public var path: String
    public var files: [String]
    public var directories: [String]

    public init(path: String, files: [String], directories: [String]) {
        self.path = path
        self.files = files.sorted()
        self.directories = directories.sorted()
    }

    /// Full path of an entry.
    public func child(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }
}
