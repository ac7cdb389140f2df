import Foundation
import Reports
import RunModel
import TestSupport
import Testing
@testable import ModelCard

/// `card` end to end on a real Trainer card (`Fixtures/card-before.md`, written by transformers'
/// own card code for SampleRuns/hf-overfit-gpt2, then edited by hand): the card after two updates is
/// `Fixtures/card-after.md` (the tool version written as VERSION). After a deliberate change to the
/// report's Markdown, re-record it with `RECORD_GOLDENS=1 swift test --filter ModelCardTests` and review the diff.
@Suite struct ModelCardPipelineTests {
    static let fixtures = RepositoryPaths.root.appendingPathComponent("Tests/ModelCardTests/Fixtures")
    static let run = RepositoryPaths.sampleRuns.appendingPathComponent("hf-overfit-gpt2").path

    /// A model repository folder holding a copy of the fixture card.
    static func repository() throws -> (folder: URL, card: String) {
        let folder = try TemporaryDirectory.make("card").appendingPathComponent("gpt2-tiny-overfit")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let card = folder.appendingPathComponent("README.md").path
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("card-before.md").path, toPath: card)
        return (folder, card)
    }

    static func options(public isPublic: Bool = false, modelIndex: Bool = true) throws -> CardOptions {
        CardOptions(report: ReportOptions(formats: [.pdf, .md], templates: try ReportTemplates(overrides: nil)),
                    after: "## Training procedure", isPublic: isPublic, modelIndex: modelIndex)
    }

    @Test func aTrainerCardUpdatedTwiceIsTheGoldenAndOnlyTheMarkedSectionAndModelIndexChanged() throws {
        let (folder, card) = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let first = try ModelCardPipeline.update(run: Self.run, card: card, options: try Self.options())
        #expect(first.placement == .inserted && first.cardChanged)
        let once = try String(contentsOfFile: card, encoding: .utf8)
        let second = try ModelCardPipeline.update(run: Self.run, card: folder.path, options: try Self.options())
        #expect(second.placement == .updated && !second.cardChanged)
        let twice = try String(contentsOfFile: card, encoding: .utf8)
        #expect(twice == once, "a second update gives the identical file")

        let golden = Self.fixtures.appendingPathComponent("card-after.md")
        let normalized = twice.replacingOccurrences(of: "trainreport \(TrainReportVersion.current)", with: "trainreport VERSION")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try normalized.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(normalized == (try String(contentsOf: golden, encoding: .utf8)))

        // Every byte outside the model-index block and the marked section is the author's.
        let before = try String(contentsOf: Self.fixtures.appendingPathComponent("card-before.md"), encoding: .utf8)
        // The last markers: the card also shows them as an example inside a code block.
        let begin = try #require(twice.range(of: MarkedSection.begin + "\n", options: .backwards))
        let end = try #require(twice.range(of: MarkedSection.end + "\n", options: .backwards))
        let outside = String(twice[..<begin.lowerBound]) + String(twice[end.upperBound...])
        let withoutIndex = { (text: String) in text.replacingOccurrences(of: #"model-index:\n(?:[- ].*\n)*"#, with: "", options: .regularExpression) }
        #expect(withoutIndex(outside) == withoutIndex(before) + "\n", "plus the blank line that separates the section")
        #expect(first.modelIndex?.step == 75)

        // The section links only files that exist, by paths relative to the card.
        let section = String(twice[begin.upperBound..<end.lowerBound])
        let links = section.matches(of: /\]\((training_report\/[^)]+)\)/).map { String($0.1) }
        #expect(links.contains("training_report/report.pdf") && links.contains("training_report/charts/loss.png"))
        for link in links { #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(link).path), "\(link)") }
        let pdf = try [UInt8](Data(contentsOf: folder.appendingPathComponent("training_report/report.pdf")))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
    }

    @Test func aPublicSectionHasNoFixListsFilePathsOrRunFolderName() throws {
        let (folder, card) = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        _ = try ModelCardPipeline.update(run: Self.run, card: card, options: try Self.options(public: true, modelIndex: false))
        let text = try String(contentsOfFile: card, encoding: .utf8)
        let start = try #require(text.range(of: MarkedSection.begin, options: .backwards))
        let section = String(text[start.lowerBound...])
        #expect(section.contains("## Training report: gpt2-tiny-overfit"))
        #expect(section.contains("### Training results") && section.contains("![") && section.contains("Verdict: Attention"))
        for leak in ["Fixes", "trainer_state.json", "SampleRuns", "hf-overfit-gpt2", "### Health", "Why it matters"] {
            #expect(!section.contains(leak), "\(leak)")
        }
        #expect(section.contains("- Warning: "), "findings are listed by title")
        let pdf = try [UInt8](Data(contentsOf: folder.appendingPathComponent("training_report/report.pdf")))
        if let text = try PopplerTool.run("pdftotext", [], pdf: pdf) {
            for leak in ["Fixes", "SampleRuns", "hf-overfit-gpt2"] { #expect(!text.contains(leak), "PDF: \(leak)") }
            #expect(text.contains("trainer_state.json"), "the PDF names the file read, without its folder")
        }
    }

    @Test func aMalformedCardIsLeftUntouchedAndNothingIsWritten() throws {
        let folder = try TemporaryDirectory.make("card-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let card = folder.appendingPathComponent("README.md").path
        let bad = "---\nlicense: mit\ntags: [a, b\n---\n# Model\n"
        try bad.write(toFile: card, atomically: true, encoding: .utf8)
        #expect(throws: ModelCardError.self) { try ModelCardPipeline.update(run: Self.run, card: card, options: try Self.options(modelIndex: false)) }
        #expect(try String(contentsOfFile: card, encoding: .utf8) == bad)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("training_report").path))
        #expect(throws: CardInputError.self) {
            try ModelCardPipeline.update(run: RepositoryPaths.sampleRuns.path, card: card, options: try Self.options(modelIndex: false))
        }
    }
}
