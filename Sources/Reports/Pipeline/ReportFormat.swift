import Foundation

/// The files a report can be written as; the raw value is the `--format` name.
public enum ReportFormat: String, Sendable, CaseIterable, Comparable {
    case pdf
    case html
    case md
    case json

    /// File name inside a run's report folder.
    public var fileName: String { "report.\(rawValue)" }

    public static func < (a: ReportFormat, b: ReportFormat) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }

    /// Parses `pdf,html` (case-insensitive, `markdown` for `md`); the failure names the first unknown entry.
    public static func parseList(_ text: String) -> Result<Set<ReportFormat>, UnknownFormat> {
        var formats: Set<ReportFormat> = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = ReportFormat(rawValue: name == "markdown" ? "md" : name) else {
                return .failure(UnknownFormat(name: String(part)))
            }
            formats.insert(format)
        }
        return formats.isEmpty ? .failure(UnknownFormat(name: text)) : .success(formats)
    }

    public struct UnknownFormat: Error, Sendable, Equatable {
        public var name: String
    }
}
