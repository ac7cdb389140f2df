import CairoBackend
import RunModel
import Diagnostics
import Foundation
import Ingest
import TestSupport
import Testing
@testable import Reports

/// One number for one fact: the report of every SampleRun states its final training loss, warmup end,
/// best step and epochs the same way in the summary, the health table, the findings, the charts, the
/// Markdown and the JSON.
@Suite struct FactConsistencyTests {
    static let runs: [String] = {
        let root = RepositoryPaths.sampleRuns.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDir) && isDir.boolValue && !name.hasPrefix("_")
        }.sorted()
    }()

    @Test func thereAreSampleRunsToCheck() {
        #expect(Self.runs.count >= 10)
    }

    @Test(arguments: runs)
    func factsAgreeEverywhere(_ name: String) throws {
        let run = try RunLoader.load(RepositoryPaths.sampleRuns.appendingPathComponent(name).path)
        let options = try ReportOptions(templates: .builtIn(), createDate: "2024-05-01T00:00:00Z")
        let document = ReportPipeline.document(for: run, options: options, measurer: try CairoTextMeasurer())
        let markdown = MarkdownReportRenderer.render(document)
        let json = JSONReportRenderer.render(document)
        let facts = document.facts
        func keyFact(_ label: String) -> String? { document.keyFacts.first { $0.label == label }?.value }

        if let final = facts.finalTrainLoss {
            let stated = try #require(keyFact("Final training loss"))
            #expect(stated.hasPrefix(ReportNumber.format(final.value)), "\(name): \(stated)")
            #expect(markdown.contains(MarkdownText.escape(stated)), "\(name): Markdown lacks \(stated)")
            #expect(json.contains(stated.replacingOccurrences(of: "\"", with: "\\\"")), "\(name): JSON lacks \(stated)")
            let row = try #require(document.health.first { $0.metric == "Training loss" })
            #expect(row.observed.contains("(final, step \(final.step))"), "\(name): \(row.observed)")
            // A loss of exactly 0 after a real level is HF's NaN filter, never the final loss.
            if final.value == 0 { #expect(FinitePointsCheck.lastNonZero(run) == nil, "\(name): 0 stated as the final loss") }
        }
        if let schedule = facts.schedule, schedule.hasWarmup, !schedule.stillRising {
            let end = schedule.warmupEndStep
            let lrRow = try #require(document.health.first { $0.metric == "Learning rate" })
            #expect(lrRow.observed.contains("ending at step \(end)"), "\(name): \(lrRow.observed)")
            let chart = try #require(document.charts.first { $0.kind.lowercased().contains("learning") }, "\(name): no LR chart in \(document.charts.map(\.kind))")
            #expect(chart.description.contains("until step \(end)"), "\(name): \(chart.description)")
            if let lr = document.findings.first(where: { $0.id == "lr-schedule" }) {
                #expect(lr.evidence.contains { $0.name == "warmup_end_step" && $0.value == .integer(end) })
                #expect(lr.message.contains("ending at step \(end)") || !lr.message.contains("warmup"), "\(name): \(lr.message)")
            }
        }
        if let best = facts.bestEvalLoss {
            let stated = try #require(keyFact("Best validation loss"))
            #expect(stated.hasSuffix("at step \(ReportNumber.integer(best.step))"), "\(name): \(stated)")
            for f in document.findings where f.metric == "eval/loss" && f.id == "overfitting" {
                #expect(f.evidence.contains { $0.name == "best_step" && $0.value == .integer(best.step) }, "\(name): overfitting best step")
            }
        }
        if let epochs = facts.epochs, let stated = keyFact("Epochs") {
            #expect(epochs.endedByMaxSteps == stated.contains("max_steps"), "\(name): \(stated)")
            if epochs.endedByMaxSteps { #expect(!stated.contains("of \(ReportNumber.format(epochs.planned ?? 0)) planned"), "\(name): \(stated)") }
        }
        // A run that reached its planned steps is never said to "end before training did".
        if let steps = keyFact("Steps"), steps.contains("(100%)") {
            #expect(!document.findings.contains { $0.id == "run-truncated" }, "\(name): truncated beside 100% of planned")
        }
        // The verdict reason is the story's sentence when there is one.
        if let story = document.rootCause, document.verdict != .healthy {
            #expect(document.verdictReason.hasPrefix(story.sentence))
            #expect(json.contains("\"root_cause\""))
        }
    }
}

/// Helpers for the checks above that need the raw series.
enum FinitePointsCheck {
    /// The last non-zero finite training loss when the series ends in exact zeros after it; nil otherwise.
    static func lastNonZero(_ run: Run) -> Double? {
        guard let loss = run.series(.trainLoss) else { return nil }
        let finite = loss.values.filter(\.isFinite)
        guard finite.last == 0 else { return nil }
        return finite.last { $0 != 0 }.flatMap { $0 > 0.05 ? $0 : nil }
    }
}
