import Foundation
import FoundationXML
import TestSupport
import Testing
@testable import Reports

struct CompareHTMLRendererTests {
    private func html(_ names: [String] = ["tiny-a", "tiny-b & co"]) throws -> String {
        try CompareHTMLRenderer(templates: .builtIn()).render(CompareFixtures.comparison(names: names))
    }

    /// FoundationXML does not throw on malformed input, so a missing root element counts as a failure.
    private func xml(_ text: String) throws -> XMLElement {
        try #require(try XMLDocument(xmlString: text, options: []).rootElement())
    }

    @Test func pageIsWellFormedXHTMLWithEverySection() throws {
        let root = try xml(try html())
        #expect(root.name == "html")
        let headings = try root.nodes(forXPath: "//*[local-name()='h2']").map { $0.stringValue ?? "" }
        #expect(headings == ["Outcome", "Settings", "Charts", "Inputs"])
        let rows = try root.nodes(forXPath: "//*[local-name()='table'][contains(@class,'outcomes')]//*[local-name()='tbody']/*[local-name()='tr']")
        #expect(rows.count == 2)
        let differing = try root.nodes(forXPath: "//*[local-name()='table'][contains(@class,'differing')]//*[local-name()='tbody']/*[local-name()='tr']")
        #expect(differing.map { $0.stringValue ?? "" } == ["max_steps300600"])
        #expect(try root.nodes(forXPath: "//*[local-name()='details']").count == 1)
    }

    @Test func nothingIsLoadedFromOutside() throws {
        let text = try html()
        for attribute in ["src=\"http", "href=\"http", "srcset=\"http", "src=\"//", "href=\"//", "srcset=\"//", "url(", "@import"] {
            #expect(!text.contains(attribute), "found \(attribute)")
        }
    }

    @Test func chartsAreDataURISVGImagesWithAltText() throws {
        let images = try xml(try html()).nodes(forXPath: "//*[local-name()='img']").compactMap { $0 as? XMLElement }
        #expect(images.count == 1)
        for image in images {
            let attributes = Dictionary((image.attributes ?? []).map { ($0.name ?? "", $0.stringValue ?? "") }, uniquingKeysWith: { a, _ in a })
            #expect(attributes["src"]?.hasPrefix("data:image/svg+xml;base64,") == true)
            #expect(attributes["alt"] == "Training and eval loss of both runs by step.")
        }
    }

    @Test func scriptInARunNameStaysText() throws {
        let text = try html([ReportFixtures.hostileName, "b"])
        #expect(!text.contains("<script"))
        let root = try xml(text)
        #expect(try root.nodes(forXPath: "//*[local-name()='script']").isEmpty)
        #expect(try root.nodes(forXPath: "//*[local-name()='h1']").first?.stringValue == "\(ReportFixtures.hostileName) vs b")
    }

    @Test func sameComparisonGivesIdenticalBytes() throws {
        #expect(try html() == html())
    }

    @Test func aTemplateDirectoryCanRestyleTheComparison() throws {
        let directory = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "body { color: rebeccapurple; }".write(to: directory.appendingPathComponent("style.mustache"), atomically: true, encoding: .utf8)
        let text = try CompareHTMLRenderer(templates: ReportTemplates(overrides: directory.path)).render(CompareFixtures.comparison())
        #expect(text.contains("rebeccapurple"))
        #expect(text.contains("<h1>tiny-a vs tiny-b &amp; co</h1>"))
    }
}
