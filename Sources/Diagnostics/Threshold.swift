/// A named, documented number a rule compares against, overridable from a config file.
public struct Threshold: Sendable, Equatable {
    /// snake_case name, unique within its rule (the key in config files).
    public var name: String
    public var defaultValue: Double
    /// What the number means, one line, with its unit.
    public var meaning: String

    public init(_ name: String, _ defaultValue: Double, _ meaning: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.meaning = meaning
    }
}
