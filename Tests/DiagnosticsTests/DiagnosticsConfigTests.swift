import Foundation
import Testing
@testable import Diagnostics

@Suite struct DiagnosticsConfigTests {
    func parse(_ json: String) throws -> DiagnosticsConfig {
        try DiagnosticsConfig.parse(Data(json.utf8), path: "diag.json")
    }

    func error(_ json: String) -> String {
        do {
            _ = try parse(json)
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    @Test func readsDisabledRulesAndThresholds() throws {
        let config = try parse(#"{"disable": ["no-eval"], "thresholds": {"overfitting": {"patience": 4, "min_worsening": 0.1}}}"#)
        #expect(config.disabledRules == ["no-eval"])
        #expect(config.thresholds["overfitting"] == ["patience": 4, "min_worsening": 0.1])
        #expect(config.context(for: OverfittingRule())[OverfittingRule.patience] == 4)
        #expect(config.context(for: LossSpikeRule())[LossSpikeRule.robustZ] == 8)
    }

    @Test func rejectsUnknownRulesThresholdsAndKeysNamingTheFile() {
        #expect(error(#"{"disable": ["overfit"]}"#).hasPrefix("diag.json: unknown rule id \"overfit\""))
        #expect(error(#"{"thresholds": {"overfitting": {"patiense": 2}}}"#)
            == "diag.json: rule \"overfitting\" has no threshold \"patiense\" (its thresholds: patience, min_worsening, min_evals)")
        #expect(error(#"{"thresholds": {"overfitting": {"patience": "2"}}}"#).contains("must be a number"))
        #expect(error(#"{"rules": {}}"#).contains("unknown key \"rules\""))
        #expect(error("[1, 2]").contains("expected a JSON object"))
        #expect(error("{").hasPrefix("diag.json: not valid JSON"))
    }

    @Test func loadNamesAMissingFile() {
        #expect(throws: DiagnosticsConfigError(path: "/nonexistent/diag.json", message: "cannot read the diagnostics config file")) {
            try DiagnosticsConfig.load(path: "/nonexistent/diag.json")
        }
    }

    @Test func loadReadsAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("diag-\(UUID().uuidString).json")
        try Data(#"{"disable": ["lr-schedule"]}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try DiagnosticsConfig.load(path: url.path).disabledRules == ["lr-schedule"])
    }

    @Test func disabledRulesDoNotRunAndOverridesChangeOutcomes() throws {
        let run = SyntheticRun.healthy(seed: 1, evalEvery: nil).build()
        #expect(Diagnostician.diagnose(run).findings.contains { $0.id == "no-eval" })
        let quiet = try parse(#"{"disable": ["no-eval"]}"#)
        #expect(!Diagnostician.diagnose(run, config: quiet).findings.contains { $0.id == "no-eval" })

        var spiky = SyntheticRun.healthy(seed: 2)
        SyntheticRun.bend(&spiky.gradNorm, from: 700, through: 700) { _, v in v * 8 }
        #expect(!Diagnostician.diagnose(spiky.build()).findings.contains { $0.id == "grad-norm-explosion" })
        let sensitive = try parse(#"{"thresholds": {"grad-norm-explosion": {"spike_factor": 5}}}"#)
        #expect(Diagnostician.diagnose(spiky.build(), config: sensitive).findings.contains { $0.id == "grad-norm-explosion" })
    }
}
