import Foundation
import Testing
@testable import Ingest

@Suite struct FileBytesTests {
    /// The HF Trainer rewrites trainer_state.json in place at every save. A reader that memory-maps the
    /// file dies of SIGBUS when it shrinks mid-scan (an audit of a live run was killed this way); the
    /// bytes handed to the scanner must stay readable whatever happens to the file.
    @Test func aFileTruncatedWhileBeingScannedGivesBytesNotASignal() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("trainer_state.json", Data(repeating: UInt8(ascii: " "), count: 1 << 20))
        let sum = try FileBytes.withContents(path) { bytes -> Int in
            #expect(truncate(path, 0) == 0)
            return bytes.reduce(0) { $0 &+ Int($1) }
        }
        #expect(sum == 32 << 20)
    }

    @Test func aTrainerStateTruncatedBeforeReadingIsALocatedErrorNotACrash() throws {
        let text = Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0"), Fixtures.train(step: 20, loss: "1.9")])
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("trainer_state.json", String(text.prefix(text.count / 2)))
        #expect(throws: IngestError.self) { try RunLoader.load(path) }
    }
}
