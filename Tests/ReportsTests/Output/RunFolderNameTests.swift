import Testing
@testable import Reports

struct RunFolderNameTests {
    @Test(arguments: [
        ("my-run", "my-run"),
        ("../../etc/passwd", "etc_passwd"),
        ("..", "run"),
        (".", "run"),
        ("", "run"),
        ("a/b\\c", "a_b_c"),
        ("line\nbreak\u{7}", "line_break"),
        ("<script>alert(1)</script>", "script_alert(1)_script"),
        ("  spaced   name ", "spaced_name"),
        (".hidden", "hidden"),
    ])
    func namesBecomeSafeFolderNames(name: String, expected: String) {
        #expect(RunFolderName.make(name) == expected)
    }

    @Test func longNamesAreCut() {
        #expect(RunFolderName.make(String(repeating: "x", count: 500)).count == RunFolderName.maximumLength)
    }

    @Test func longNamesAreCutInBytesNotCharacters() {
        let cut = RunFolderName.make(String(repeating: "語", count: 100))
        #expect(cut.utf8.count <= RunFolderName.maximumLength)
        #expect(cut == String(repeating: "語", count: RunFolderName.maximumLength / 3))
    }

    @Test func duplicatesAreNumberedIgnoringCase() {
        #expect(RunFolderName.assign(["run", "Run", "run", "a/b", "a_b"]) == ["run", "Run-2", "run-3", "a_b", "a_b-2"])
    }
}
