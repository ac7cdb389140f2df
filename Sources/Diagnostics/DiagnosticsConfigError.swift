/// A diagnostics config file that cannot be used; the message names the file and what is wrong.
public struct DiagnosticsConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
