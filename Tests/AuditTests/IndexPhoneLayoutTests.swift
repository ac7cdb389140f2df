import Foundation
import FoundationXML
import Reports
import Testing
@testable import Audit

/// On a phone the index table becomes one card per run, each value labelled with its column title
/// (`data-label`), so no column runs off the right edge.
@Suite struct IndexPhoneLayoutTests {
    private func page() throws -> XMLElement {
        let index = AuditIndex(rows: [
            AuditRow(name: "a", path: "team/a", date: "2026-03-01T12:00:00Z", format: "jsonl", verdict: "attention"),
            AuditRow(name: "b", path: "team/b", date: "2026-03-01T12:00:00Z", format: "jsonl", verdict: "healthy"),
        ])
        let text = try IndexHTMLRenderer(templates: .builtIn()).render(index, problems: [])
        return try #require(try XMLDocument(xmlString: text, options: []).rootElement())
    }

    @Test func everyValueCellIsLabelledWithItsColumnTitle() throws {
        let root = try page()
        let titles = try root.nodes(forXPath: "//*[local-name()='thead']//*[local-name()='th']").map { $0.stringValue ?? "" }
        let rows = try root.nodes(forXPath: "//*[local-name()='tbody']/*[local-name()='tr']").compactMap { $0 as? XMLElement }
        #expect(rows.count == 2)
        for row in rows {
            let cells = row.elements(forName: "td")
            #expect(cells.count == titles.count)
            let labels = cells.dropFirst().map { cell in (cell.attributes ?? []).first { $0.name == "data-label" }?.stringValue ?? "" }
            #expect(labels == Array(titles.dropFirst()))
        }
    }

    @Test func filteredRowsStayHiddenWhenRowsAreCards() throws {
        let text = try IndexHTMLRenderer(templates: .builtIn()).render(AuditIndex(rows: []), problems: [])
        #expect(text.contains("table.runs tr[hidden] { display: none; }"))
    }
}
