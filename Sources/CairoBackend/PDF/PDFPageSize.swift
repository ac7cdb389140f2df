/// Paper sizes for PDF reports, in PostScript points (1/72 inch).
public enum PDFPageSize: String, Sendable, CaseIterable {
    case a4
    case letter

    public var width: Double {
        switch self {
        case .a4: return 595.276
        case .letter: return 612
        }
    }

    public var height: Double {
        switch self {
        case .a4: return 841.89
        case .letter: return 792
        }
    }
}
