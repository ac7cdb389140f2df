/// A file that cannot be read at all. The message names the path and, where known, the line or
/// byte offset, and says what was expected.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var byteOffset: Int?
    public var message: String

    public init(path: String, line: Int? = nil, byteOffset: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.byteOffset = byteOffset
        self.message = message
    }

    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let byteOffset { location += " (byte \(byteOffset))" }
        return "\(location): \(message)"
    }
}
