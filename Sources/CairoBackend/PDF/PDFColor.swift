/// An RGB colour with components in 0...1.
public struct PDFColor: Sendable, Equatable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// From `0xRRGGBB`.
    public init(hex: UInt32) {
        red = Double((hex >> 16) & 0xFF) / 255
        green = Double((hex >> 8) & 0xFF) / 255
        blue = Double(hex & 0xFF) / 255
    }

    public static let text = PDFColor(hex: 0x1A1A1A)
    public static let muted = PDFColor(hex: 0x5A5A5A)
    public static let rule = PDFColor(hex: 0xC8CCD2)
    public static let headerFill = PDFColor(hex: 0xEEF1F4)
    public static let accent = PDFColor(hex: 0x1F3A5F)
}
