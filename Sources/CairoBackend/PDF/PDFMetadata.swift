/// Document information written into the PDF (`/Title`, `/Subject`, `/Creator`, `/CreationDate`).
public struct PDFMetadata: Sendable, Equatable {
    public var title: String
    public var subject: String
    public var creator: String
    /// ISO 8601 creation date (`2024-05-01T12:00:00Z`). When nil the date is pinned to the Unix epoch so
    /// that the same input always gives the same bytes; `fromEnvironment` honours `SOURCE_DATE_EPOCH`.
    public var createDate: String?

    public init(title: String, subject: String, creator: String, createDate: String? = nil) {
        self.title = title
        self.subject = subject
        self.creator = creator
        self.createDate = createDate
    }

    /// The ISO 8601 date for a `SOURCE_DATE_EPOCH` value (seconds since 1970, UTC), or nil when it is
    /// absent or not a non-negative integer.
    public static func isoDate(sourceDateEpoch: String?) -> String? {
        guard let text = sourceDateEpoch, let seconds = Int(text), seconds >= 0 else {
            return nil
        }
        return isoDate(secondsSinceEpoch: seconds)
    }

    /// Formats seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC).
    static func isoDate(secondsSinceEpoch seconds: Int) -> String {
        let days = seconds / 86_400
        let rest = seconds % 86_400
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }
}
