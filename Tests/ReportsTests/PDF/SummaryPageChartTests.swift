import CairoBackend
import Foundation
import Ingest
import TestSupport
import Testing
@testable import Reports

/// Page 1 is the model-card page: it keeps one loss chart, even for a failed run whose verdict,
/// key facts and health observations are long.
struct SummaryPageChartTests {
    private func pages(_ sample: String) throws -> (first: String, second: String)? {
        let run = try RunLoader.load(RepositoryPaths.sampleRuns.appendingPathComponent(sample).path)
        let document = ReportPipeline.document(for: run, options: ReportOptions(templates: try .builtIn()), measurer: try CairoTextMeasurer())
        let bytes = try PDFReportRenderer(createDate: "2024-05-01T00:00:00Z").render(document)
        guard let first = try PopplerTool.run("pdftotext", ["-f", "1", "-l", "1"], pdf: bytes),
              let second = try PopplerTool.run("pdftotext", ["-f", "2", "-l", "2"], pdf: bytes) else { return nil }
        return (first, second)
    }

    @Test func aFailedRunKeepsItsLossChartOnPageOneAndTheFullHealthTableOpensPageTwo() throws {
        guard let (first, second) = try pages("hf-nan-loss") else { return }
        #expect(first.contains("Failed."))
        #expect(first.contains("Loss of run hf-nan-loss"), "the loss chart's caption is on page 1")
        #expect(first.contains("Health") && first.contains("page 2"))
        #expect(!first.contains("What it measures"))
        #expect(second.contains("What it measures") && second.contains("Healthy range"))
        #expect(second.contains("Loss: on page 1."))
    }

    @Test func aRunWithRoomKeepsTheFullHealthTableAndTheChartOnPageOne() throws {
        guard let (first, second) = try pages("jsonl-healthy") else { return }
        #expect(first.contains("What it measures"))
        #expect(first.contains("Loss of run jsonl-healthy"))
        #expect(!second.contains("Healthy range"))
    }
}
