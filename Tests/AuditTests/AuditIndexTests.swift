import Foundation
import FoundationXML
import Ingest
import Reports
import RunModel
import Testing
@testable import Audit

@Suite struct AuditIndexTests {
    @Test func csvQuotesSeparatorsAndDefusesFormulas() {
        #expect(AuditIndex.csvField("plain") == "plain")
        #expect(AuditIndex.csvField("a,b") == "\"a,b\"")
        #expect(AuditIndex.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(AuditIndex.csvField("=HYPERLINK(1)") == "'=HYPERLINK(1)")
        #expect(AuditIndex.csvField("-0.5") == "-0.5")
    }

    /// OWASP lists TAB and CR among the characters that start a formula in some spreadsheets.
    @Test func csvDefusesCellsStartingWithTabOrCarriageReturn() {
        #expect(AuditIndex.csvField("\t=1+1") == "'\t=1+1")
        #expect(AuditIndex.csvField("\r=1+1") == "\"'\r=1+1\"")
        #expect(AuditIndex.csvField("\r\n=1") == "\"'\r\n=1\"")
        #expect(AuditIndex.csvField("-x") == "'-x")
    }

    /// ESC, BEL, CR, NUL in a run name or an error broke index.html (not well-formed XML) and went raw
    /// to the terminal; every index output gets U+FFFD instead.
    @Test func controlCharactersFromLogsNeverReachTheIndex() throws {
        let row = AuditRow(name: "run\u{1B}[31mred\u{07}", path: "a\rb\u{0}", date: "", format: "jsonl", verdict: "error",
                           error: "bad\u{1B}]0;title\u{07}")
        let index = AuditIndex(rows: [row])
        for text in [index.csv(), index.json(), try IndexHTMLRenderer(templates: .builtIn()).render(index, problems: [])] {
            #expect(!text.unicodeScalars.contains { ControlCharacters.isControl($0) && $0 != "\n" }, "\(text.prefix(200))")
        }
        #expect(row.name == "run\u{FFFD}[31mred\u{FFFD}")
        let html = try IndexHTMLRenderer(templates: .builtIn()).render(index, problems: [.init(path: "x\u{1B}", message: "m")])
        #expect(XMLParser(data: Data(html.utf8)).parse())
    }

    @Test func rowsAreSortedByPathAndAttentionRunsComeFirst() {
        let index = AuditIndex(rows: [
            AuditRow(name: "b", path: "b", date: "", format: "jsonl", verdict: "healthy"),
            AuditRow(name: "a", path: "a", date: "", format: "jsonl", verdict: "attention"),
            AuditRow(name: "c", path: "c", date: "", format: "jsonl", verdict: "failed"),
        ])
        #expect(index.rows.map(\.name) == ["a", "b", "c"])
        #expect(index.needingAttention.map(\.name) == ["c", "a"])
    }

    @Test func jsonWritesNonFiniteLossesAsStrings() {
        let index = AuditIndex(rows: [AuditRow(name: "n", path: "n", date: "", format: "hf-trainer-state",
                                               finalTrainLoss: .nan, verdict: "failed")])
        #expect(index.json().contains("\"final_train_loss\": \"NaN\""))
    }

    /// A 100,000-character MLflow run name took 127 s to lay out in index.pdf; the cells show 200
    /// characters and an ellipsis, the CSV and JSON keep the whole name.
    @Test func longNamesAreCutInThePDFDigestAndKeptWholeInCSVAndJSON() throws {
        let name = String(repeating: "n", count: 100_000)
        #expect(IndexPDFRenderer.shown(name).count == 201)
        #expect(IndexPDFRenderer.shown(name).hasSuffix("…"))
        let index = AuditIndex(rows: [AuditRow(name: name, path: "p", date: "", format: "mlflow", verdict: "healthy")])
        #expect(index.csv().contains(name))
        #expect(index.json().contains(name))
        let start = Date()
        _ = try IndexPDFRenderer(pageSize: .a4, createDate: nil).render(index, problems: [])
        #expect(Date().timeIntervalSince(start) < 20)
    }
}
