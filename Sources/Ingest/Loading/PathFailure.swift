/// An input or output path that could not be read (or written), with the message saying why; the
/// message stands on its own when printed (it often starts with the path).
public struct PathFailure: Sendable, Equatable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The message, prefixed with the path unless it already names it (ingest errors do; a
    /// drawing library's error does not).
    public var located: String {
        message.contains(path) ? message : "\(path): \(message)"
    }
}
