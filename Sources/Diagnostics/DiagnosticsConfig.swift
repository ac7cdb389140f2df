import Foundation

/// Which rules run and with which thresholds. The default runs every registered rule with its
/// documented defaults. A JSON config file overrides some of it:
///
/// ```json
/// {
///   "disable": ["no-eval", "lr-schedule"],
///   "thresholds": { "overfitting": { "patience": 3, "min_worsening": 0.1 } }
/// }
/// ```
/// Unknown keys, rule ids and threshold names are rejected, so a typo never silently does nothing.
public struct DiagnosticsConfig: Sendable, Equatable {
    /// Ids of rules that do not run.
    public var disabledRules: Set<String>
    /// Threshold overrides by rule id, then threshold name.
    public var thresholds: [String: [String: Double]]

    public init(disabledRules: Set<String> = [], thresholds: [String: [String: Double]] = [:]) {
        self.disabledRules = disabledRules
        self.thresholds = thresholds
    }

    public static let `default` = DiagnosticsConfig()

    /// Reads a config file; throws `DiagnosticsConfigError` naming the file when it cannot be read
    /// or says something the rules do not know.
    public static func load(path: String) throws -> DiagnosticsConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DiagnosticsConfigError(path: path, message: "cannot read the diagnostics config file")
        }
        return try parse(data, path: path)
    }

    /// Parses config JSON; `path` is used in error messages only.
    public static func parse(_ data: Data, path: String) throws -> DiagnosticsConfig {
        func fail(_ message: String) -> DiagnosticsConfigError { DiagnosticsConfigError(path: path, message: message) }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw fail("not valid JSON (\(error.localizedDescription))")
        }
        guard let object = root as? [String: Any] else {
            throw fail("expected a JSON object with \"disable\" and/or \"thresholds\"")
        }
        if let unknown = object.keys.filter({ $0 != "disable" && $0 != "thresholds" }).sorted().first {
            throw fail("unknown key \"\(unknown)\" (expected \"disable\" and/or \"thresholds\")")
        }
        var config = DiagnosticsConfig()
        if let disable = object["disable"] {
            guard let ids = disable as? [String] else { throw fail("\"disable\" must be a list of rule ids") }
            for id in ids {
                guard RuleRegistry.rule(id: id) != nil else { throw fail(unknownRule(id)) }
                config.disabledRules.insert(id)
            }
        }
        if let thresholds = object["thresholds"] {
            guard let byRule = thresholds as? [String: Any] else {
                throw fail("\"thresholds\" must map rule ids to {threshold name: number}")
            }
            for (id, value) in byRule.sorted(by: { $0.key < $1.key }) {
                guard let rule = RuleRegistry.rule(id: id) else { throw fail(unknownRule(id)) }
                guard let values = value as? [String: Any] else {
                    throw fail("thresholds of \"\(id)\" must be an object {threshold name: number}")
                }
                for (name, raw) in values.sorted(by: { $0.key < $1.key }) {
                    guard rule.thresholds.contains(where: { $0.name == name }) else {
                        let known = rule.thresholds.map(\.name).joined(separator: ", ")
                        throw fail("rule \"\(id)\" has no threshold \"\(name)\" (its thresholds: \(known))")
                    }
                    guard let number = raw as? NSNumber, !(raw is Bool), number.doubleValue.isFinite else {
                        throw fail("threshold \"\(id).\(name)\" must be a number")
                    }
                    config.thresholds[id, default: [:]][name] = number.doubleValue
                }
            }
        }
        return config
    }

    private static func unknownRule(_ id: String) -> String {
        "unknown rule id \"\(id)\" (known: \(RuleRegistry.all.map(\.id).joined(separator: ", ")))"
    }

    /// The context a rule runs with under this config.
    public func context(for rule: any Rule) -> RuleContext {
        RuleContext(overrides: thresholds[rule.id] ?? [:])
    }

    public func isEnabled(_ rule: any Rule) -> Bool {
        !disabledRules.contains(rule.id)
    }
}
