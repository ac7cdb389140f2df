import Foundation
import Ingest
import Testing
import TestSupport

/// Replays the inputs `scripts/fuzz.sh` found crashes with. Each folder in `FuzzRegressions/` is
/// named `<format id>--<what it was>` and holds the one file, under the name that format reads; it
/// is read with that format forced. A thrown `IngestError` is fine: only a trap fails (the process).
@Suite struct FuzzRegressionTests {
    static let folder = RepositoryPaths.root.appendingPathComponent("Tests/IngestTests/FuzzRegressions").path

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.cases.isEmpty)
    }

    @Test(arguments: cases)
    func crashInputIsReadWithoutTrapping(_ name: String) throws {
        let formatID = try #require(name.components(separatedBy: "--").first)
        #expect(FormatRegistry.standard.format(id: formatID) != nil, "folder name must start with a format id")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder + "/" + name)
        let file = try #require(files.first)
        #expect(files.count == 1)
        _ = try? RunLoader.load(Self.folder + "/" + name + "/" + file, format: formatID)
    }
}
