import Yams

extension FrontMatter {
    /// The front matter parsed as YAML (an empty mapping when it is empty); throws with the card's
    /// line number when it is not valid YAML or not a mapping of keys, as the Hub would reject it.
    func parse(in card: CardLines, path: String) throws -> Node.Mapping {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml(in: card))
        } catch {
            let (line, message) = Self.located(error)
            throw ModelCardError.frontMatter(path: path, line: open + line, message: message)
        }
        guard let root else { return Node.Mapping([]) }
        guard let mapping = root.mapping else {
            throw ModelCardError.frontMatter(path: path, line: open + (root.mark?.line ?? 1), message: "expected a mapping of keys (key: value), found a \(root.kindName)")
        }
        return mapping
    }

    /// The YAML line (1 = the line after `---`) and the problem a Yams error describes.
    private static func located(_ error: any Error) -> (line: Int, message: String) {
        guard let error = error as? YamlError else { return (1, "\(error)") }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return (mark.line, problem + (context.map { " (\($0.text) on line \($0.mark.line))" } ?? ""))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicated key \(duplicates.joined(separator: ", "))")
        default:
            return (1, "\(error)")
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
