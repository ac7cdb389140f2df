/// Font sizes and spacing shared by every chart, so all charts look like one family.
enum Theme {
    static let titleSize = 13.0
    static let panelTitleSize = 10.5
    static let axisTitleSize = 10.0
    static let tickLabelSize = 9.0
    static let legendSize = 9.0
    static let annotationSize = 8.5
    static let noteSize = 8.5
    static let padding = 10.0
    static let tickLength = 4.0
    static let axisStroke = StrokeStyle(color: Palette.mutedInk, width: 0.8)
    static let gridStroke = StrokeStyle(color: Palette.grid, width: 0.6)
    static let tickLabelStyle = TextStyle(size: tickLabelSize, color: Palette.mutedInk)
    /// Minimum free space between two neighbouring tick labels, in points.
    static let labelGap = 8.0
}
