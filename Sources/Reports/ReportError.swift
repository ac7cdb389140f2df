/// Why a report could not be written. The CLI maps these to exit status 2.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A template directory or file could not be used.
    case templates(path: String, message: String)
    /// The output would overwrite or sit on an input file.
    case outputIsInput(path: String)
    /// A file or folder could not be written.
    case write(path: String, message: String)
    /// An audit's output folder is one of its archives or holds one (it would hide the archive).
    case outputHoldsInput(output: String, input: String)

    public var description: String {
        switch self {
        case let .templates(path, message): return "\(path): template error: \(message)"
        case let .outputIsInput(path): return "\(path): refusing to write a report over an input file"
        case let .write(path, message): return "\(path): cannot write: \(message)"
        case let .outputHoldsInput(output, input):
            return "\(output): refusing to write an audit into a folder that is or holds the archive \(input) "
                + "(it would hide the archive from later audits); use a folder beside or inside it"
        }
    }
}
