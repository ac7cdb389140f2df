import Foundation
import FoundationXML
import TestSupport
import Testing
@testable import Reports

/// Every real log in `../shared/corpus` gets a full report without crashing, with well-formed HTML.
/// Skipped when the corpus is not there (it is not part of the repository).
struct CorpusReportTests {
    @Test func everyCorpusFileGetsAReport() throws {
        guard let corpusPath = RepositoryPaths.corpus else { return }
        let corpus = URL(fileURLWithPath: corpusPath)
        let folders = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { !$0.hasSuffix(".tsv") }.sorted()
        let paths = folders.map { corpus.appendingPathComponent($0).path }
        let out = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: out) }
        let options = try ReportOptions(templates: .builtIn(), createDate: "2024-05-01T00:00:00Z")
        let batch = ReportPipeline.report(paths: paths, output: out.path, options: options)
        #expect(batch.outcomes.count >= 20)
        for failure in batch.failures {
            #expect(!failure.path.hasPrefix(out.path), "writing failed: \(failure.message)")
        }
        for outcome in batch.outcomes {
            let html = try Data(contentsOf: URL(fileURLWithPath: outcome.folder + "/report.html"))
            let document = try XMLDocument(data: html, options: [])
            #expect(document.rootElement() != nil, "\(outcome.runName): HTML is not well-formed")
            #expect(outcome.files.count >= 4)
        }
    }
}
