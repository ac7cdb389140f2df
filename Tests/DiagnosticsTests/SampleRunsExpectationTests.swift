import Foundation
import TestSupport
import Testing
import Diagnostics
import Ingest

/// Every run in `SampleRuns/` (real tiny trainings, see SampleRuns/README.md) gets the findings its
/// row in `SampleRuns/EXPECTED.tsv` promises, and healthy runs get nothing above info.
@Suite struct SampleRunsExpectationTests {
    struct Expectation: CustomStringConvertible, Sendable {
        var run: String
        var format: String
        var expected: [String]
        var allowed: [String]
        var description: String { run }
    }

    static let sampleRuns = RepositoryPaths.sampleRuns

    static let expectations: [Expectation] = {
        guard let text = try? String(contentsOf: sampleRuns.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func ids(_ s: String) -> [String] { s == "-" ? [] : s.split(separator: ",").map(String.init) }
            return Expectation(run: f[0], format: f[1], expected: ids(f[2]), allowed: ids(f[3]))
        }
    }()

    @Test func everySampleRunHasAnExpectation() throws {
        let dirs = try FileManager.default.contentsOfDirectory(atPath: Self.sampleRuns.path).filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: Self.sampleRuns.appendingPathComponent(name).path, isDirectory: &isDir)
                && isDir.boolValue && !name.hasPrefix("_")
        }
        #expect(Set(dirs) == Set(Self.expectations.map(\.run)))
    }

    @Test(arguments: expectations)
    func sampleRunGetsItsExpectedFindings(_ e: Expectation) throws {
        let run = try RunLoader.load(Self.sampleRuns.appendingPathComponent(e.run).path)
        #expect(run.format == e.format)
        let diagnosis = Diagnostician.diagnose(run)
        let raised = diagnosis.findings.filter { $0.severity >= .warning }.map(\.id)
        for id in e.expected {
            #expect(diagnosis.findings.contains { $0.id == id }, "\(e.run) should raise \(id); got \(raised)")
        }
        let unexpected = Set(raised).subtracting(e.expected).subtracting(e.allowed)
        #expect(unexpected.isEmpty, "\(e.run) raised unexpected \(unexpected.sorted())")
    }
}
