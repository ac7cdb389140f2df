/// What a format says about a file after a cheap look at its name and first bytes.
public struct Sniff: Sendable, Equatable {
    public enum Strength: Int, Sendable, Comparable {
        case no, weak, strong

        public static func < (a: Strength, b: Strength) -> Bool { a.rawValue < b.rawValue }
    }

    public var strength: Strength
    /// Why, in a few words ("header 'Wall time,Step,Value'", "no 'log_history' key in the first 16 KiB").
    public var reason: String

    public init(_ strength: Strength, _ reason: String) {
        self.strength = strength
        self.reason = reason
    }

    public static func no(_ reason: String) -> Sniff { Sniff(.no, reason) }
    public static func weak(_ reason: String) -> Sniff { Sniff(.weak, reason) }
    public static func strong(_ reason: String) -> Sniff { Sniff(.strong, reason) }
}
