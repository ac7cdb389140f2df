/// A simple table for PDF reports: a header row, body rows of Pango markup, relative column widths.
/// Cells wrap; a row never splits across pages; the header repeats after a page break.
public struct PDFTable: Sendable, Equatable {
    /// Header cells as plain text (escaped when drawn); empty for a table without a header.
    public var header: [String]
    /// Body rows; each cell is Pango markup (use `PangoMarkup.escape` for text from logs).
    public var rows: [[String]]
    /// Relative column widths (normalised to the content width).
    public var widths: [Double]
    public var style: PDFTextStyle

    public init(header: [String], rows: [[String]], widths: [Double], style: PDFTextStyle = .init(size: 8.5, spaceAfter: 10)) {
        precondition(!widths.isEmpty, "a table needs at least one column")
        precondition(header.isEmpty || header.count == widths.count, "header and widths differ in length")
        self.header = header
        self.rows = rows
        self.widths = widths
        self.style = style
    }
}
