import Yams

extension FrontMatter {
    /// The front matter parsed as YAML (an empty mapping when it is empty); throws with the card's
    /// line number when it is not valid YAML or not a mapping of keys, as the Hub would reject it.
    func parse(in card: CardLines, path: String) throws -> Node.Mapping {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml(in: card))
        } catch {
            let (line, message) = Self.located(error, offset: open + 1)
            throw ModelCardError.frontMatter(path: path, line: line, message: message)
        }
        guard let root else { return Node.Mapping([]) }
        guard let mapping = root.mapping else {
            throw ModelCardError.frontMatter(path: path, line: open + 1 + (root.mark?.line ?? 1), message: "expected a mapping of keys (key: value), found a \(root.kindName)")
        }
        return mapping
    }

    /// The card line and the problem a Yams error describes; `offset` is the card line number of the
    /// opening `---` (Yams counts lines from 1 at the line after it).
    private static func located(_ error: any Error, offset: Int) -> (line: Int, message: String) {
        guard let error = error as? YamlError else { return (offset, "\(error)") }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return (offset + mark.line, problem + (context.map { " (\($0.text) on line \(offset + $0.mark.line))" } ?? ""))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (offset + context.mark.line, "duplicated key \(duplicates.joined(separator: ", "))")
        default:
            return (offset, "\(error)")
        }
    }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar: return "single value"
        case .sequence: return "list"
        case .mapping: return "mapping"
        case .alias: return "alias"
        }
    }
}
