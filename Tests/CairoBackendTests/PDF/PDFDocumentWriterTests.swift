import Charts
import Foundation
import TestSupport
import Testing
@testable import CairoBackend

struct PDFDocumentWriterTests {
    private func sampleDocument(pageSize: PDFPageSize = .a4, paragraphs: Int = 80) throws -> [UInt8] {
        let writer = try PDFDocumentWriter(
            pageSize: pageSize,
            metadata: PDFMetadata(title: "Run <alpha>", subject: "Training report", creator: "trainreport 0.1.0",
                                  createDate: "2024-01-02T03:04:05Z"),
            footer: "run <alpha>")
        writer.heading("Summary")
        writer.callout(markup: PangoMarkup.bold("Attention") + ": " + PangoMarkup.escape("eval loss <rose> & fell"),
                       accent: Color(hex: 0x9A6700), fill: Color(hex: 0xFFF4D6))
        writer.table(PDFTable(header: ["Metric", "Status"], rows: [["loss", "ok"], [PangoMarkup.escape("<script>alert(1)</script>"), "watch"]],
                              widths: [2, 1]))
        writer.heading("Findings")
        writer.heading("Overfitting", level: 2)
        for i in 0..<paragraphs {
            writer.text("Paragraph \(i): the eval loss rose after step \(i * 100) while the training loss kept falling.")
        }
        writer.drawing(height: 100) { _, rect in
            #expect(rect.height == 100)
        }
        return try writer.finish()
    }

    @Test func longDocumentsFlowOntoSeveralNumberedPages() throws {
        let pdf = try sampleDocument()
        guard let text = try PopplerTool.run("pdftotext", ["-layout"], pdf: pdf) else { return }
        #expect(text.contains("Page 1"))
        #expect(text.contains("Page 2"))
        #expect(text.contains("Paragraph 79"))
        let info = try #require(try PopplerTool.run("pdfinfo", [], pdf: pdf))
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        #expect(pages.map { Int($0.split(separator: " ").last ?? "") ?? 0 } ?? 0 >= 2)
    }

    @Test func metadataAndOutlineAreWritten() throws {
        let pdf = try sampleDocument(paragraphs: 2)
        let hasOutline = PopplerTool.bytes(pdf, contain: "/Outlines")
        let hasPinnedDate = PopplerTool.bytes(pdf, contain: "/CreationDate (20240102030405Z)")
        #expect(hasOutline)
        #expect(hasPinnedDate)
        guard let info = try PopplerTool.run("pdfinfo", [], pdf: pdf) else { return }
        #expect(PopplerTool.field("Title", in: info) == "Run <alpha>")
        #expect(PopplerTool.field("Subject", in: info) == "Training report")
        #expect(PopplerTool.field("Creator", in: info) == "trainreport 0.1.0")
        let dests = try #require(try PopplerTool.run("pdfinfo", ["-dests"], pdf: pdf))
        #expect(dests.contains("\"section-3\""))
    }

    @Test func markupCharactersInTextStayText() throws {
        let pdf = try sampleDocument(paragraphs: 1)
        guard let text = try PopplerTool.run("pdftotext", [], pdf: pdf) else { return }
        #expect(text.contains("<script>alert(1)</script>"))
        #expect(text.contains("eval loss <rose> & fell"))
    }

    @Test func sameInputGivesIdenticalBytes() throws {
        #expect(try sampleDocument() == sampleDocument())
    }

    @Test func withoutADateTheCreationDateIsPinned() throws {
        let writer = try PDFDocumentWriter(metadata: PDFMetadata(title: "t", subject: "s", creator: "c"), footer: "f")
        writer.text("hello")
        let pdf = try writer.finish()
        let pinned = PDFDate.pinned().filter(\.isNumber)
        let hasPinnedDate = PopplerTool.bytes(pdf, contain: "/CreationDate (\(pinned)")
        #expect(hasPinnedDate)
    }

    @Test func letterPagesHaveLetterSize() throws {
        let pdf = try sampleDocument(pageSize: .letter, paragraphs: 1)
        guard let info = try PopplerTool.run("pdfinfo", [], pdf: pdf) else { return }
        #expect(info.contains("612 x 792 pts"))
    }

    @Test func pangoEscapingCoversMarkupAndControlCharacters() {
        #expect(PangoMarkup.escape("a<b>&'\"\u{1}") == "a&lt;b&gt;&amp;&apos;&quot;\u{FFFD}")
    }
}
