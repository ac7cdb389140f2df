import RunModel

/// One input format, as a plug-in: a cheap `sniff`, an optional claim on a directory, and `parse`.
///
/// Formats are registered in one ordered list, `FormatRegistry.standard`; order breaks ties between
/// equally strong sniffs. Problems inside a readable file become `IngestIssue`s in the run's
/// provenance; a file that cannot be read throws an `IngestError` naming the path and line or byte.
public protocol RunFormat: Sendable {
    /// Stable id, written into provenance and `inspect --json` (e.g. `hf-trainer-state`).
    var id: String { get }
    /// One line for the README's format table and `--format` help.
    var summary: String { get }
    /// A look at the file name and the first few KiB (`FormatRegistry.sniffLength`).
    func sniff(fileName: String, prefix: [UInt8]) -> Sniff
    /// Runs stored as a whole directory (an HF output dir, a folder of TensorBoard exports), with
    /// the files to read. `prefix` gives the first bytes of a file in the directory. Default: none.
    func claim(_ directory: DirectoryListing, prefix: (String) -> [UInt8]) -> DirectoryClaim
    /// Reads the run.
    func parse(_ input: RunInput) throws -> Run
}

extension RunFormat {
    public func claim(_ directory: DirectoryListing, prefix: (String) -> [UInt8]) -> DirectoryClaim { DirectoryClaim() }
}
