import Testing
@testable import Audit

/// Report folders are named from the archive path alone, so every shard names every run alike.
@Suite struct AuditFolderNamesTests {
    func key(_ path: String, name: String? = nil, root: String = "") -> RunKey {
        RunKey(root: root, path: path, name: name ?? path)
    }

    @Test func aRunAloneUnderItsNameKeepsItsPathAsItsFolder() {
        #expect(AuditFolderNames.assign([key("team-a/bert"), key("team-b/gpt2.jsonl")]) == ["team-a__bert", "team-b__gpt2.jsonl"])
    }

    /// A counter (`-2`) would depend on which runs a shard saw first; a hash of the run's key does not.
    @Test func runsThatWouldShareAFolderEachGetASuffixFromTheirOwnKey() {
        let a = key("exports", name: "exports/a"), b = key("exports", name: "exports/b")
        let names = AuditFolderNames.assign([a, b])
        #expect(names == ["exports-" + StableHash.shortHex(a.text), "exports-" + StableHash.shortHex(b.text)])
        #expect(AuditFolderNames.assign([b, a, key("other")]) == [names[1], names[0], "other"])
        #expect(Set(AuditFolderNames.assign([key("Run"), key("run")]).map { $0.lowercased() }).count == 2, "case-insensitive file systems")
    }

    @Test func theSamePathUnderTwoRootsGetsTwoFolders() {
        let names = AuditFolderNames.assign([key("run1", root: "/data/team-a"), key("run1", root: "/data/team-b")])
        #expect(names[0] != names[1])
        #expect(names.allSatisfy { $0.hasPrefix("run1-") && $0.count == 13 })
    }

    @Test func aLongPathKeepsItsSuffixWithinTheLengthLimit() {
        let long = String(repeating: "x", count: 300)
        let names = AuditFolderNames.assign([key(long, name: "a"), key(long, name: "b")])
        #expect(names.allSatisfy { $0.utf8.count <= 100 })
        #expect(names[0] != names[1])
    }
}
