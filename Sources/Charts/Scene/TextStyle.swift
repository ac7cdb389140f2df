/// Font and placement of a text primitive. The family is always DejaVu Sans.
public struct TextStyle: Sendable, Equatable {
    public enum Weight: String, Sendable { case regular, bold }
    /// Which point of the text's box sits at the primitive's position, horizontally.
    public enum Anchor: String, Sendable { case start, middle, end }
    /// Which line of the text sits at the position, vertically.
    public enum Baseline: String, Sendable { case top, middle, alphabetic, bottom }

    public var size: Double
    public var weight: Weight
    public var color: Color
    public var anchor: Anchor
    public var baseline: Baseline
    /// Rotation around the position in degrees, counter-clockwise (-90... 90).
    public var rotation: Double

    public init(size: Double, weight: Weight = .regular, color: Color = Palette.ink, anchor: Anchor = .start,
                baseline: Baseline = .alphabetic, rotation: Double = 0) {
        self.size = size
        self.weight = weight
        self.color = color
        self.anchor = anchor
        self.baseline = baseline
        self.rotation = rotation
    }

    public static let fontFamily = "DejaVu Sans"
}
