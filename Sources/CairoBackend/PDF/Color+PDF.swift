import Charts

/// The colours of PDF documents, beside the charts' `Palette`: body text, secondary text, table
/// rules, the table header fill, and the accent of titles and headings.
extension Color {
    public static let text = Color(hex: 0x1A1A1A)
    public static let muted = Color(hex: 0x5A5A5A)
    public static let rule = Color(hex: 0xC8CCD2)
    public static let headerFill = Color(hex: 0xEEF1F4)
    public static let accent = Color(hex: 0x1F3A5F)
}
