import Charts

/// Font and colour of a block of text in a PDF report. Sizes are in points.
public struct PDFTextStyle: Sendable, Equatable {
    public var family: String
    public var size: Double
    public var bold: Bool
    public var color: Color
    /// Extra space after the block.
    public var spaceAfter: Double

    public init(family: String = PDFTextStyle.bodyFamily, size: Double, bold: Bool = false,
                color: Color = .text, spaceAfter: Double = 6) {
        self.family = family
        self.size = size
        self.bold = bold
        self.color = color
        self.spaceAfter = spaceAfter
    }

    public static let bodyFamily = "DejaVu Sans"
    public static let monoFamily = "DejaVu Sans Mono"

    public static let body = PDFTextStyle(size: 9.5)
    public static let small = PDFTextStyle(size: 8, color: .muted, spaceAfter: 4)
    public static let title = PDFTextStyle(size: 20, bold: true, color: .accent, spaceAfter: 4)
    public static let heading1 = PDFTextStyle(size: 15, bold: true, color: .accent, spaceAfter: 8)
    public static let heading2 = PDFTextStyle(size: 11.5, bold: true, color: .text, spaceAfter: 5)
}
