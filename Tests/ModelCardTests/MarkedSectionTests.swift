import Testing
@testable import ModelCard

@Suite struct MarkedSectionTests {
    let section = "## Training report: run\n\n**Verdict: healthy.**"

    @Test func appendsAfterTheCardWithABlankLineAndKeepsEverythingBefore() throws {
        let card = "---\nlicense: mit\n---\n\n# Model\n\nText."
        let placed = try MarkedSection.place(section, in: card, path: "README.md")
        #expect(placed.placement == .appended)
        #expect(placed.card == card + "\n\n" + MarkedSection.begin + "\n" + section + "\n" + MarkedSection.end + "\n")
    }

    @Test func placingTwiceGivesTheSameCardAndUpdatesOnlyBetweenTheMarkers() throws {
        let card = "# Model\n\nIntro.\n\n## Training procedure\n\nBy hand.\n\n## Citation\n\nCite us.\n"
        let first = try MarkedSection.place(section, in: card, after: "## Training procedure", path: "README.md")
        let second = try MarkedSection.place(section, in: first.card, after: "## Training procedure", path: "README.md")
        #expect(second.card == first.card)
        #expect(second.placement == .updated)
        let changed = try MarkedSection.place("## Training report: run\n\nNew text.", in: first.card, path: "README.md")
        #expect(changed.card.hasPrefix("# Model\n\nIntro.\n\n## Training procedure\n\nBy hand.\n\n" + MarkedSection.begin + "\n## Training report: run\n\nNew text.\n"))
        #expect(changed.card.hasSuffix(MarkedSection.end + "\n\n## Citation\n\nCite us.\n"))
    }

    @Test func afterAHeadingGoesAtTheEndOfItsSectionBeforeTheNextHeadingOfTheSameLevel() throws {
        let card = "# M\n\n## Training procedure\n\n### Training hyperparameters\n\n- lr: 1\n\n## Citation\n"
        let placed = try MarkedSection.place(section, in: card, after: "## Training procedure", path: "README.md")
        #expect(placed.placement == .inserted)
        #expect(placed.card == "# M\n\n## Training procedure\n\n### Training hyperparameters\n\n- lr: 1\n\n"
            + MarkedSection.begin + "\n" + section + "\n" + MarkedSection.end + "\n\n## Citation\n")
        let byText = try MarkedSection.place(section, in: card, after: "Training procedure", path: "README.md")
        #expect(byText.card == placed.card, "a heading's text without the #s finds it too")
    }

    @Test func aHeadingTheCardLacksIsAnErrorListingTheHeadings() {
        #expect(throws: ModelCardError.headingNotFound(path: "README.md", heading: "## Training procedure", headings: ["# M", "## Uses"])) {
            try MarkedSection.place(section, in: "# M\n\n## Uses\n", after: "## Training procedure", path: "README.md")
        }
    }

    @Test func markersAndHeadingsInsideCodeBlocksOrFrontMatterDoNotCount() throws {
        let card = "---\n# Training procedure\ntags: [a]\n---\n\n```\n" + MarkedSection.begin + "\n## Training procedure\n```\n\n## Training procedure\n\nText.\n"
        let placed = try MarkedSection.place(section, in: card, after: "Training procedure", path: "README.md")
        #expect(placed.placement == .inserted)
        let again = try MarkedSection.place(section, in: placed.card, path: "README.md")
        #expect(again.placement == .updated)
        #expect(again.card == placed.card)
        #expect(placed.card.hasPrefix(card.prefix(while: { $0 != "T" })), "the front matter and code block are untouched")
        #expect(throws: ModelCardError.self) {
            try MarkedSection.place(section, in: card, after: "## Nope", path: "README.md")
        }
    }

    @Test func unbalancedMarkersAreErrorsNamingTheLine() {
        let b = MarkedSection.begin, e = MarkedSection.end
        #expect(throws: ModelCardError.markers(path: "c.md", line: 3, message: "'\(b)' has no '\(e)' line after it")) {
            try MarkedSection.place(section, in: "# M\n\n\(b)\nold\n", path: "c.md")
        }
        #expect(throws: ModelCardError.markers(path: "c.md", line: 1, message: "'\(e)' comes before '\(b)' (line 2)")) {
            try MarkedSection.place(section, in: "\(e)\n\(b)\n", path: "c.md")
        }
        #expect(throws: ModelCardError.self) { try MarkedSection.place(section, in: "\(b)\n\(e)\n\(b)\n\(e)\n", path: "c.md") }
        #expect(throws: ModelCardError.self) { try MarkedSection.place(section, in: "text\n\(e)\n", path: "c.md") }
    }

    @Test func aCRLFCardGetsCRLFLinesAndKeepsItsByteOrderMark() throws {
        let card = "\u{FEFF}---\r\nlicense: mit\r\n---\r\n# Model\r\n"
        let placed = try MarkedSection.place(section, in: card, path: "README.md")
        #expect(placed.card == card + "\r\n" + MarkedSection.begin + "\r\n## Training report: run\r\n\r\n**Verdict: healthy.**\r\n" + MarkedSection.end + "\r\n")
        #expect(Array(placed.card.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(try MarkedSection.place(section, in: placed.card, path: "README.md").card == placed.card)
    }

    @Test func aCardWithoutFinalLineBreakOrEmptyGetsTheSectionOnItsOwnLines() throws {
        #expect(try MarkedSection.place(section, in: "# M", path: "R").card == "# M\n\n" + MarkedSection.begin + "\n" + section + "\n" + MarkedSection.end + "\n")
        #expect(try MarkedSection.place(section, in: "", path: "R").card == MarkedSection.begin + "\n" + section + "\n" + MarkedSection.end + "\n")
    }

    @Test func frontMatterThatIsNeverClosedIsAnError() {
        #expect(throws: ModelCardError.frontMatter(path: "R", line: 1, message: "opened by '---' on line 1 but never closed by a '---' line")) {
            try MarkedSection.place(section, in: "---\nlicense: mit\n# Model\n", path: "R")
        }
    }
}
