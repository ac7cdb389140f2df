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
}
