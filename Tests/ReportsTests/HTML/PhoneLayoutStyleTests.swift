import Testing
@testable import Reports

/// A long unbroken value (a checkpoint path in a finding's evidence, a file read, a callback setting)
/// must wrap on a 390 px phone instead of pushing its table past the right edge.
struct PhoneLayoutStyleTests {
    @Test func evidenceAndKeyValueCellsWrapAnywhere() throws {
        let style = try #require(EmbeddedTemplates.all["style"])
        #expect(style.contains("table.evidence td, table.kv td, table.kv code { overflow-wrap: anywhere; }"))
        #expect(style.contains("table.kv th[scope=\"row\"], table.evidence th[scope=\"row\"] { width: 45%; overflow-wrap: anywhere; }"))
    }

    @Test func linksUseTheAccentColourInBothSchemes() throws {
        let style = try #require(EmbeddedTemplates.all["style"])
        #expect(style.contains("a { color: var(--accent); }"))
    }
}
