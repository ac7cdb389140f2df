import Diagnostics

/// How an evidence value reads in prose and tables.
enum EvidenceText {
    static func format(_ value: Evidence.Value) -> String {
        switch value {
        case .number(let d): return ReportNumber.format(d)
        case .integer(let i): return String(i)
        case .text(let t): return t
        }
    }
}
