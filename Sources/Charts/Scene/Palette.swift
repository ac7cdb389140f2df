/// Okabe-Ito: eight colours that stay distinct for the common forms of colour blindness.
public enum Palette {
    public static let orange = Color(hex: 0xE69F00)
    public static let skyBlue = Color(hex: 0x56B4E9)
    public static let bluishGreen = Color(hex: 0x009E73)
    public static let yellow = Color(hex: 0xF0E442)
    public static let blue = Color(hex: 0x0072B2)
    public static let vermillion = Color(hex: 0xD55E00)
    public static let reddishPurple = Color(hex: 0xCC79A7)

    /// Series colours in the order runs and metrics take them (yellow last: weak on white).
    public static let series: [Color] = [blue, orange, bluishGreen, vermillion, reddishPurple, skyBlue, yellow]

    /// Ink for axes, labels and text.
    public static let ink = Color(hex: 0x222222)
    /// Grid lines and frames.
    public static let grid = Color(hex: 0xDDDDDD)
    /// Secondary text (notes, tick labels).
    public static let mutedInk = Color(hex: 0x555555)
    /// Marks for problems (findings, non-finite values).
    public static let alert = vermillion

    public static func series(_ index: Int) -> Color { series[((index % series.count) + series.count) % series.count] }
}
