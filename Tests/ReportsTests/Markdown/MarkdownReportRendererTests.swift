import Testing
@testable import Reports

struct MarkdownReportRendererTests {
    @Test func trainingResultsFollowTheHuggingFaceLayout() {
        let md = MarkdownReportRenderer.render(ReportFixtures.document())
        #expect(md.contains("| Training Loss | Epoch | Step | Validation Loss | Accuracy |"))
        #expect(md.contains("| 2 | 1 | 100 | 1.9 | 0.61 |"))
        #expect(md.contains("| 1 | 3 | 300 | 1.8 | 0.66 |"))
    }

    @Test func chartsAreLinkedByRelativePathWithTheirDescription() {
        let md = MarkdownReportRenderer.render(ReportFixtures.document())
        #expect(md.contains("![Training and validation loss by step.](charts/loss.png)"))
        #expect(md.contains("(charts/learning-rate.png)"))
    }

    @Test func findingsListTheirFixes() {
        let md = MarkdownReportRenderer.render(ReportFixtures.document())
        #expect(md.contains("#### Warning: Eval loss rose 6% after its best at step 200"))
        #expect(md.contains("- Set load_best_model_at_end=True"))
        #expect(md.contains("steps 200–300"))
    }

    @Test func htmlInRunNamesStaysText() {
        let md = MarkdownReportRenderer.render(ReportFixtures.document(name: ReportFixtures.hostileName))
        #expect(!md.contains("<script>"))
        #expect(md.contains("## Training report: &lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func sameDocumentGivesIdenticalText() {
        #expect(MarkdownReportRenderer.render(ReportFixtures.document()) == MarkdownReportRenderer.render(ReportFixtures.document()))
    }
}
