import Mustache
import Testing
@testable import Reports

/// The report page's view types answer Mustache's lookups by name (`HTMLView+Lookup.swift`) instead
/// of through `Mirror`; every stored field must be found, with the value `Mirror` would give.
struct HTMLViewLookupTests {
    /// The value inside an optional (nil for none); any other value as it is.
    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }

    /// Each field of `parent` found by name equals the field as `Mirror` reads it, and an unknown
    /// name is nil. Returns how many fields were checked.
    @discardableResult
    static func checkEveryField(of parent: any MustacheParent) -> Int {
        let fields = Mirror(reflecting: parent).children
        for field in fields {
            let label = field.label ?? "?"
            let found = parent.child(named: label)
            #expect(found.map { "\($0)" } == unwrapped(field.value).map { "\($0)" }, "\(type(of: parent)).\(label)")
            #expect((found == nil) == (unwrapped(field.value) == nil), "\(type(of: parent)).\(label)")
        }
        #expect(parent.child(named: "noSuchField") == nil)
        return fields.count
    }

    @Test func everyFieldOfTheReportViewIsFoundByItsName() throws {
        let view = try HTMLView(ReportFixtures.document(), indexLink: "../index.html")
        #expect(Self.checkEveryField(of: view) == 24)
        let finding = try #require(view.findings.first { $0.excerpt != nil }, "the overfitting finding has an excerpt")
        #expect(finding.why != nil && finding.stepsText != nil, "and its other optional fields")
        Self.checkEveryField(of: finding)
        Self.checkEveryField(of: try #require(finding.evidence.first))
        Self.checkEveryField(of: try #require(finding.excerpt))
        Self.checkEveryField(of: try #require(view.keyFacts.first))
        Self.checkEveryField(of: try #require(view.health.first))
        Self.checkEveryField(of: try #require(view.charts.first))
        Self.checkEveryField(of: try #require(view.sources.first))
        Self.checkEveryField(of: try #require(view.ingestNotes.first))
        Self.checkEveryField(of: HTMLView.Row(cells: ["a", "b"]))
    }

    @Test func optionalFieldsThatAreNilAreNilByNameToo() throws {
        let view = try HTMLView(ReportFixtures.document())
        #expect(view.indexLink == nil && view.child(named: "indexLink") == nil)
        let finding = try #require(view.findings.first { $0.id == "no-eval" })
        #expect(finding.why == nil && finding.child(named: "why") == nil)
        #expect(finding.excerpt == nil && finding.child(named: "excerpt") == nil)
    }
}
