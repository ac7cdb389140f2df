import RunModel

/// What `trainreport rules` prints: every registered rule, what it detects, its thresholds.
extension RuleRegistry {
    /// Plain text, one block per rule.
    public static func listing() -> String {
        var out = ""
        for rule in all {
            out += "\(rule.id)\n    \(rule.summary)\n"
            for t in rule.thresholds {
                out += "    \(t.name) = \(Format.number(t.defaultValue))  \(t.meaning)\n"
            }
            out += "\n"
        }
        return out
    }

    /// `{"rules": [{"id", "summary", "thresholds": [{"name", "default", "meaning"}]}]}`.
    public static func listingJSON() -> JSONValue {
        .object([("rules", .array(all.map { rule in
            .object([
                ("id", .string(rule.id)),
                ("summary", .string(rule.summary)),
                ("thresholds", .array(rule.thresholds.map { t in
                    .object([("name", .string(t.name)), ("default", .number(t.defaultValue)), ("meaning", .string(t.meaning))])
                })),
            ])
        }))])
    }
}
