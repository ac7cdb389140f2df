import Foundation

/// The creation date written into PDFs: `SOURCE_DATE_EPOCH` when set (reproducible-builds
/// convention), else a fixed date, so the same input gives byte-identical PDFs.
public enum PDFDate {
    public static let fixed = "2000-01-01T00:00:00Z"

    public static func pinned(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard let raw = environment["SOURCE_DATE_EPOCH"], let seconds = Int(raw), seconds >= 0 else { return fixed }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
