/// A Cairo call that failed, with Cairo's own status text.
public struct CairoError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var status: String

    public init(operation: String, status: String) {
        self.operation = operation
        self.status = status
    }

    public var description: String { "cairo: \(operation) failed: \(status)" }
}
