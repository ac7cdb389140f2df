import Foundation
import TestSupport
import Testing
@testable import Reports

struct AtomicFileTests {
    @Test func writeReplacesTheFileAndLeavesNoTemporaryFiles() throws {
        let directory = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.json").path
        try AtomicFile.write("old", to: path)
        try AtomicFile.write("new", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
    }

    @Test func anInputIsNeverOverwritten() throws {
        let directory = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("trainer_state.json").path
        try AtomicFile.write("{}", to: input)
        let link = directory.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
        let protected: Set<String> = [AtomicFile.resolved(input)]
        #expect(throws: ReportError.outputIsInput(path: input)) { try AtomicFile.write("x", to: input, protecting: protected) }
        #expect(throws: ReportError.outputIsInput(path: link)) { try AtomicFile.write("x", to: link, protecting: protected) }
        #expect(throws: ReportError.self) { try AtomicFile.makeDirectory(input, protecting: protected) }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "{}")
    }

    @Test func aFailedWriteLeavesTheOldFile() throws {
        let directory = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("report.html")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("occupied"), withIntermediateDirectories: true)
        #expect(throws: ReportError.self) { try AtomicFile.write("x", to: target.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.html"])
    }
}
