/// The one rule for steps, in every format: a step is a whole number from 0 to 2^53. Steps are
/// untrusted 64-bit numbers (a tfevents step can be anything a varint holds); past 2^53 a `Double`,
/// which chart axes and rules compute in, no longer holds every whole number, and a negative step
/// is no training step any producer writes. Keeping every step in this range also keeps sums and
/// differences of two steps far from `Int` overflow. `RunBuilder` skips points outside it (a repair
/// stated per series) and drops step-valued metadata outside it.
public enum StepRule {
    public static let largest = 1 << 53
    public static let range: ClosedRange<Int> = 0...largest

    /// How the rule reads in messages.
    public static let description = "a whole number from 0 to 2^53"

    public static func contains(_ step: Int) -> Bool { range.contains(step) }

    /// `value` as a step when it is a whole number within the range; nil otherwise (NaN, infinite,
    /// fractional, negative, too large).
    public static func step(exactly value: Double) -> Int? {
        guard value.isFinite, value == value.rounded(), value >= 0, value <= Double(largest) else { return nil }
        return Int(value)
    }

    /// A whole-number `value` as an `Int` for `RunBuilder` to judge, clamped to `Int.min`/`Int.max`
    /// beyond them (so a huge step is skipped as out of range rather than refused as not a number);
    /// nil when `value` is not a whole number at all (NaN, infinite, fractional).
    public static func whole(_ value: Double) -> Int? {
        guard value.isFinite, value == value.rounded() else { return nil }
        if value >= 0x1p63 { return Int.max }
        if value < -0x1p63 { return Int.min }
        return Int(value)
    }

    /// `value` when it is a step within the range, else nil (for step-valued metadata).
    public static func checked(_ value: Int?) -> Int? {
        value.flatMap { contains($0) ? $0 : nil }
    }
}
