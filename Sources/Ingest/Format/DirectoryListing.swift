/// The entries of one directory, split into files and subdirectories (symlinks resolved), sorted by name.
public struct DirectoryListing: Sendable, Equatable {
    public var path: String
    public var files: [String]
    public var directories: [String]
    /// Entries that are neither (devices, FIFOs, sockets, or symlinks to them): never opened, since
    /// reading a FIFO or `/dev/zero` would block or never end; discovery lists them as skipped.
    public var special: [String]
    /// Symlinks that lead out of the folder being walked (`FileSystem.list(_:confinedTo:)`): never
    /// followed, so a link in an archive cannot put `/etc/shadow` into a report.
    public var outside: [String]

    public init(path: String, files: [String], directories: [String], special: [String] = [], outside: [String] = []) {
        self.path = path
        self.files = files.sorted()
        self.directories = directories.sorted()
        self.special = special.sorted()
        self.outside = outside.sorted()
    }

    /// Full path of an entry.
    public func child(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }
}
