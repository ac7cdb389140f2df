import Foundation
import TestSupport
import Testing
@testable import Reports

struct ReportWriterTests {
    private func writer(_ formats: Set<ReportFormat> = Set(ReportFormat.allCases)) throws -> ReportWriter {
        ReportWriter(formats: formats, templates: try .builtIn(), createDate: "2024-05-01T00:00:00Z")
    }

    @Test func writesEveryFormatWithChartPNGsForMarkdown() throws {
        let directory = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("tiny").path
        let written = try writer().write(ReportFixtures.document(), to: folder)
        #expect(written.map { ($0 as NSString).lastPathComponent }
            == ["report.pdf", "report.html", "loss.png", "learning-rate.png", "report.md", "report.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["charts", "report.html", "report.json", "report.md", "report.pdf"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/charts").sorted() == ["learning-rate.png", "loss.png"])
    }

    @Test func aSubsetOfFormatsWritesOnlyThose() throws {
        let directory = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try writer([.json]).write(ReportFixtures.document(), to: directory.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
    }

    @Test func writingTwiceGivesIdenticalFiles() throws {
        let directory = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a").path, b = directory.appendingPathComponent("b").path
        _ = try writer().write(ReportFixtures.document(), to: a)
        _ = try writer().write(ReportFixtures.document(), to: b)
        for name in ["report.pdf", "report.html", "report.md", "report.json", "charts/loss.png"] {
            #expect(FileManager.default.contents(atPath: a + "/" + name) == FileManager.default.contents(atPath: b + "/" + name), "\(name) differs")
        }
    }

    @Test func formatListsParse() throws {
        #expect(try ReportFormat.parseList("pdf, HTML,markdown").get() == [.pdf, .html, .md])
        #expect(throws: ReportFormat.UnknownFormat(name: "docx")) { try ReportFormat.parseList("json,docx").get() }
    }
}
