@testable import Diagnostics
import RunModel

/// Runs one rule with its default thresholds (or `overrides`).
func findings(_ rule: any Rule, _ run: Run, overrides: [String: Double] = [:]) -> [Finding] {
    rule.check(run, context: RuleContext(overrides: overrides))
}

extension Array where Element == Finding {
    /// The findings above info.
    var serious: [Finding] { filter { $0.severity > .info } }

    func evidence(_ name: String) -> Evidence.Value? {
        lazy.flatMap(\.evidence).first { $0.name == name }?.value
    }
}
