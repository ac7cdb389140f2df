import Foundation

/// Where tests find the repository's own files and the shared sample corpus, computed from this
/// file's path (`Tests/TestSupport/`), so tests work from any working directory.
public enum RepositoryPaths {
    /// The repository root.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `SampleRuns/`: small real training runs kept in the repository.
    public static var sampleRuns: URL { root.appendingPathComponent("SampleRuns") }

    /// `<repo root>/../shared/corpus`, the read-only real logs of the development machine, when its
    /// `MANIFEST.tsv` is there; nil otherwise (tests that need it then skip).
    public static var corpus: String? {
        let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        return FileManager.default.fileExists(atPath: corpus + "/MANIFEST.tsv") ? corpus : nil
    }
}
