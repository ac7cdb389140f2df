import Foundation
import TestSupport
import Testing
@testable import Reports

struct EmbeddedTemplatesTests {
    /// The compiled-in templates must equal `Templates/*.mustache`; run `scripts/embed-templates.py`.
    @Test func compiledTemplatesMatchTheTemplatesFolder() throws {
        let folder = RepositoryPaths.root.appendingPathComponent("Templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        var onDisk: [String: String] = [:]
        for file in files {
            onDisk[String(file.dropLast(".mustache".count))] = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        #expect(Set(onDisk.keys) == Set(EmbeddedTemplates.all.keys), "run scripts/embed-templates.py")
        for (name, text) in onDisk {
            #expect(EmbeddedTemplates.all[name] == text, "Templates/\(name).mustache differs: run scripts/embed-templates.py")
        }
    }

    /// The compiled-in page scripts must equal `Templates/*.js`.
    @Test func compiledScriptsMatchTheTemplatesFolder() throws {
        let folder = RepositoryPaths.root.appendingPathComponent("Templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".js") }
        #expect(Set(files.map { String($0.dropLast(3)) }) == Set(EmbeddedTemplates.scripts.keys), "run scripts/embed-templates.py")
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(EmbeddedTemplates.scripts[String(file.dropLast(3))] == text, "Templates/\(file) differs: run scripts/embed-templates.py")
            // Inlined between //<![CDATA[ and //]]> in a polyglot XHTML page.
            #expect(!text.contains("]]>") && !text.contains("</script"), "Templates/\(file) cannot be inlined")
        }
    }
}
