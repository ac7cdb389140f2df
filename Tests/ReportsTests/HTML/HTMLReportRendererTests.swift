import Foundation
import FoundationXML
import TestSupport
import Testing
@testable import Reports

struct HTMLReportRendererTests {
    private func html(_ name: String = "tiny-gpt2 & friends") throws -> String {
        try HTMLReportRenderer(templates: .builtIn()).render(ReportFixtures.document(name: name))
    }

    /// Parses as XML (the page is polyglot XHTML). FoundationXML does not throw on malformed input,
    /// so a missing root element counts as a failure.
    private func xml(_ text: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: text, options: [])
        return try #require(document.rootElement())
    }

    @Test func pageIsWellFormedXHTML() throws {
        let root = try xml(try html())
        #expect(root.name == "html")
        #expect(try root.nodes(forXPath: "//*[local-name()='h2']").count == 4)
        #expect(try root.nodes(forXPath: "//*[local-name()='table']").count >= 4)
    }

    @Test func nothingIsLoadedFromOutside() throws {
        let text = try html()
        for attribute in ["src=\"http", "href=\"http", "srcset=\"http", "src=\"//", "href=\"//", "srcset=\"//", "url(http", "@import"] {
            #expect(!text.contains(attribute), "found \(attribute)")
        }
    }

    @Test func chartsAreDataURISVGImagesWithAltText() throws {
        let root = try xml(try html())
        let images = try root.nodes(forXPath: "//*[local-name()='img']").compactMap { $0 as? XMLElement }
        #expect(images.count == 3)
        for image in images {
            let attributes = Dictionary((image.attributes ?? []).map { ($0.name ?? "", $0.stringValue ?? "") }, uniquingKeysWith: { a, _ in a })
            #expect(attributes["src"]?.hasPrefix("data:image/svg+xml;base64,") == true)
            #expect(attributes["alt"]?.isEmpty == false)
        }
    }

    @Test func scriptInARunNameStaysText() throws {
        let text = try html(ReportFixtures.hostileName)
        #expect(!text.contains("<script"))
        let root = try xml(text)
        #expect(try root.nodes(forXPath: "//*[local-name()='script']").isEmpty)
        let h1 = try root.nodes(forXPath: "//*[local-name()='h1']").first?.stringValue
        #expect(h1 == ReportFixtures.hostileName)
    }

    @Test func controlCharactersDoNotBreakTheXML() throws {
        _ = try xml(try html("bad\u{1}name\u{7}"))
    }

    @Test func sameDocumentGivesIdenticalBytes() throws {
        #expect(try html() == html())
    }

    @Test func aTemplateDirectoryReplacesBuiltInTemplates() throws {
        let directory = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "body { color: rebeccapurple; }".write(to: directory.appendingPathComponent("style.mustache"), atomically: true, encoding: .utf8)
        let text = try HTMLReportRenderer(templates: ReportTemplates(overrides: directory.path)).render(ReportFixtures.document())
        #expect(text.contains("rebeccapurple"))
        #expect(text.contains("<h1>tiny-gpt2 &amp; friends</h1>"))
    }

    @Test func aBrokenTemplateIsReportedWithItsPath() throws {
        let directory = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "{{#open}} never closed".write(to: directory.appendingPathComponent("report.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: ReportError.self) { try ReportTemplates(overrides: directory.path) }
        #expect(throws: ReportError.self) { try ReportTemplates(overrides: directory.appendingPathComponent("missing").path) }
    }
}
