import Foundation
import Testing
@testable import Diagnostics

@Suite struct RuleRegistryTests {
    /// `Sources/Diagnostics/Rules`, found from this file's path.
    static var rulesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Diagnostics/Rules")
    }

    @Test func everyRuleFileIsRegistered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.rulesDirectory.path)
            .filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) }.sorted()
        let registered = RuleRegistry.all.map { String(describing: type(of: $0)) }.sorted()
        #expect(!files.isEmpty)
        #expect(files == registered)
    }

    @Test func idsAreUniqueAndKebabCase() {
        let ids = RuleRegistry.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(id)")
        }
    }

    @Test func thresholdsAreNamedOnceInSnakeCaseAndDocumented() {
        for rule in RuleRegistry.all {
            let names = rule.thresholds.map(\.name)
            #expect(Set(names).count == names.count, "\(rule.id)")
            for t in rule.thresholds {
                #expect(t.name.allSatisfy { $0.isLowercase || $0 == "_" }, "\(rule.id).\(t.name)")
                #expect(!t.meaning.isEmpty && t.defaultValue.isFinite, "\(rule.id).\(t.name)")
            }
            #expect(!rule.summary.isEmpty)
        }
    }

    @Test func findingsCarryTheirRulesId() {
        var run = SyntheticRun.healthy(seed: 1, evalEvery: nil)
        SyntheticRun.bend(&run.gradNorm, from: 1500) { _, _ in .nan }
        for rule in RuleRegistry.all {
            for finding in rule.check(run.build(), context: RuleContext()) {
                #expect(finding.id == rule.id)
            }
        }
    }
}

@Suite struct RuleListingTests {
    @Test func textListingNamesEveryRuleAndThreshold() {
        let text = RuleRegistry.listing()
        for rule in RuleRegistry.all {
            #expect(text.contains("\(rule.id)\n    \(rule.summary)\n"))
        }
        #expect(text.contains("    patience = 2  evaluations after the best one"))
    }

    @Test func jsonListingHasOneEntryPerRule() {
        guard case .object(let root) = RuleRegistry.listingJSON(), case .array(let rules)? = root.first?.1 else {
            Issue.record("not {\"rules\": [...]}")
            return
        }
        #expect(rules.count == RuleRegistry.all.count)
        #expect(RuleRegistry.listingJSON().serialized().contains("\"name\": \"max_grad_norm\""))
    }
}
