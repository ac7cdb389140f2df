/// Why a model card could not be updated. Every case leaves the card file untouched.
public enum ModelCardError: Error, Equatable, CustomStringConvertible {
    /// The card is not UTF-8 text.
    case notText(path: String)
    /// The YAML front matter is opened by `---` but never closed, or is not valid YAML.
    case frontMatter(path: String, line: Int, message: String)
    /// The trainreport markers are unbalanced (a begin without an end, two begins...).
    case markers(path: String, line: Int, message: String)
    /// `--after` names a heading the card does not have.
    case headingNotFound(path: String, heading: String, headings: [String])
    /// `--model-index` cannot be done as asked (no task or dataset known, an existing block of the wrong shape).
    case modelIndex(path: String, message: String)

    public var description: String {
        switch self {
        case .notText(let path):
            return "\(path): not a UTF-8 text file; the model card was left untouched"
        case .frontMatter(let path, let line, let message):
            return "\(path):\(line): front matter: \(message); the model card was left untouched"
        case .markers(let path, let line, let message):
            return "\(path):\(line): \(message); the model card was left untouched"
        case .headingNotFound(let path, let heading, let headings):
            let known = headings.isEmpty ? "it has no headings" : "its headings are " + headings.map { "'\($0)'" }.joined(separator: ", ")
            return "\(path): no heading '\(heading)' to place the report after (\(known)); the model card was left untouched"
        case .modelIndex(let path, let message):
            return "\(path): --model-index: \(message); the model card was left untouched"
        }
    }
}
