import Foundation
import RunModel
import Testing
@testable import Ingest

/// Smaller findings of the adversarial pass: byte order marks, UTF-16, repeated keys.
@Suite struct EncodingAndRepeatTests {
    static let bom = "\u{FEFF}"

    @Test func aUTF8ByteOrderMarkIsAcceptedByEveryTextFormatAndFoundInAnArchive() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("a/log.jsonl", Self.bom + "{\"step\": 1, \"loss\": 2}\n{\"step\": 2, \"loss\": 1.5}\n")
        try dir.write("b/run-x-tag-train_loss.json", Self.bom + "[[1.0, 1, 2.0], [2.0, 2, 1.5]]")
        try dir.write("c/run-x-tag-train_loss.csv", Self.bom + "Wall time,Step,Value\n1,1,2\n2,2,1.5\n")
        try dir.write("d/trainer_state.json", Self.bom + Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0")]))
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.map(\.format).sorted() == ["hf-trainer-state", "jsonl", "tensorboard-csv", "tensorboard-json"], "\(found.skipped)")
        for input in found.runs { #expect(try RunLoader.load(input).series(.trainLoss) != nil) }
    }

    @Test func utf16InputNamesItsEncoding() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("{\"step\": 1, \"loss\": 2}\n".data(using: .utf16LittleEndian)!)
        let path = try dir.write("log.jsonl", utf16)
        let detected = try #require(throws: IngestError.self) { try RunLoader.load(path) }
        #expect(detected.message.contains("UTF-16LE text"), "\(detected)")
        let forced = try #require(throws: IngestError.self) { try RunLoader.load(path, format: "hf-trainer-state") }
        #expect(forced.message.contains("the file is UTF-16LE text"), "\(forced)")
    }

    @Test func repeatedTopLevelKeysOfATrainerStateAreARepairAndASecondLogHistoryReplacesTheFirst() throws {
        let first = "\"log_history\": [{\"loss\": 9.0, \"step\": 1}, {\"loss\": 8.0, \"step\": 2}],\n"
        var text = Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0"), Fixtures.train(step: 20, loss: "1.5")],
                                         extra: "\n  \"max_steps\": 99,")
        let open = try #require(text.range(of: "{\n"))
        text.replaceSubrange(open, with: "{\n" + first)
        let run = try TestDirectory.load(text, at: "trainer_state.json")
        #expect(run.series(.trainLoss)?.steps == [10, 20])
        #expect(run.warnings.contains { $0.message == "the top-level key \"log_history\" appears 2 times; the last one is read" })
        #expect(run.warnings.contains { $0.message == "the top-level key \"max_steps\" appears 2 times; the last one is read" })
    }
}
