import Testing
import Ingest

@Suite struct PathFailureTests {
    @Test func aMessageThatDoesNotNameItsPathGetsItAsAPrefix() {
        #expect(PathFailure(path: "out/run", message: "cairo: invalid matrix").located == "out/run: cairo: invalid matrix")
        #expect(PathFailure(path: "a.jsonl", message: "a.jsonl:3: expected ':'").located == "a.jsonl:3: expected ':'")
    }
}
