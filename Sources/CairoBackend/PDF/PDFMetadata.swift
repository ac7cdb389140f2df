/// Document information written into the PDF (`/Title`, `/Subject`, `/Creator`, `/CreationDate`).
public struct PDFMetadata: Sendable, Equatable {
    public var title: String
    public var subject: String
    public var creator: String
    /// ISO 8601 creation date (`2024-05-01T12:00:00Z`). When nil, `PDFDate.pinned()` applies
    /// (`SOURCE_DATE_EPOCH`, else a fixed date), so the same input always gives the same bytes.
    public var createDate: String?

    public init(title: String, subject: String, creator: String, createDate: String? = nil) {
        self.title = title
        self.subject = subject
        self.creator = creator
        self.createDate = createDate
    }
}
