import Foundation
import TestSupport
import Testing

/// `trainreport card`: its exit statuses and that a card it cannot read is left as it was.
@Suite struct CardCommandTests {
    static func repository(card: String) throws -> URL {
        let folder = try TemporaryDirectory.make("cli-card")
        try card.write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func cardExitsOneOnFailOnTwoOnBadInputAndZeroOtherwise() throws {
        let folder = try Self.repository(card: "---\nlicense: mit\n---\n# My model\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let card = folder.appendingPathComponent("README.md").path
        let ok = try CommandLineContractTests.run(["card", "SampleRuns/hf-healthy-gpt2", "--model-card", card, "--fail-on", "warning"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("section appended"), "\(ok.stdout)")
        let warned = try CommandLineContractTests.run(["card", "SampleRuns/hf-overfit-gpt2", "--model-card", folder.path, "--fail-on", "warning"])
        #expect(warned.status == 1)
        #expect(warned.stdout.contains("section updated"), "\(warned.stdout)")
        let text = try String(contentsOfFile: card, encoding: .utf8)
        #expect(text.hasPrefix("---\nlicense: mit\n---\n# My model\n\n<!-- trainreport:begin -->\n## Training report: hf-overfit-gpt2\n"))

        let noIndex = try CommandLineContractTests.run(["card", "SampleRuns/hf-overfit-gpt2", "--model-card", card, "--model-index"])
        #expect(noIndex.status == 2)
        #expect(noIndex.stderr.contains("--task"), "\(noIndex.stderr)")
        #expect(try String(contentsOfFile: card, encoding: .utf8) == text, "untouched")
        let indexed = try CommandLineContractTests.run(["card", "SampleRuns/hf-overfit-gpt2", "--model-card", card, "--model-index",
                                                        "--task", "text-generation", "--dataset", "wikitext"])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stdout.contains("model-index: loss 2.803 (evaluation at step 75)"), "\(indexed.stdout)")
    }

    @Test func aMalformedCardOrAMissingHeadingExitsTwoAndLeavesTheCardAlone() throws {
        let bad = "---\nlicense: mit\n  tags: : [\n---\n# M\n"
        let folder = try Self.repository(card: bad)
        defer { try? FileManager.default.removeItem(at: folder) }
        let card = folder.appendingPathComponent("README.md").path
        let result = try CommandLineContractTests.run(["card", "SampleRuns/hf-healthy-gpt2", "--model-card", card])
        #expect(result.status == 2)
        #expect(result.stderr.contains("README.md:"), "\(result.stderr)")
        #expect(try String(contentsOfFile: card, encoding: .utf8) == bad)
        try "# M\n".write(toFile: card, atomically: true, encoding: .utf8)
        let heading = try CommandLineContractTests.run(["card", "SampleRuns/hf-healthy-gpt2", "--model-card", card, "--after", "## Training procedure"])
        #expect(heading.status == 2)
        #expect(heading.stderr.contains("no heading '## Training procedure'"), "\(heading.stderr)")
        #expect(try String(contentsOfFile: card, encoding: .utf8) == "# M\n")
    }
}
