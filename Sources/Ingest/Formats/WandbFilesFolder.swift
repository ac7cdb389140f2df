import RunModel

/// The `files/` folder of a W&B run directory. Online runs keep there what the W&B server shows:
/// `wandb-summary.json` (the final summary), `config.yaml` (the config, each key as
/// `key:\n  value: ...`), `output.log` (the console) and `wandb-metadata.json` (host, program,
/// GPU); offline runs only `output.log` and `requirements.txt`. Used where the `.wandb` file lacks
/// the same facts. Missing or unreadable files are simply absent.
struct WandbFilesFolder {
    let path: String

    init(runDirectory: String) {
        path = runDirectory + "/files"
    }

    func metadata() -> JSONValue? {
        HFModelConfig.object(path + "/wandb-metadata.json")
    }

    func summary() -> [(String, JSONValue)] {
        guard case .object(let members) = HFModelConfig.object(path + "/wandb-summary.json") else { return [] }
        return members
    }

    /// Top-level `key:` entries with a scalar `value:` (W&B's config.yaml layout); nested values are skipped.
    func config() -> [(String, JSONValue)] {
        guard FileSystem.isFile(path + "/config.yaml"), let bytes = try? FileBytes.read(path + "/config.yaml", limit: 4 << 20) else { return [] }
        var out: [(String, JSONValue)] = []
        var key: String?
        for raw in ByteText.lines(bytes) {
            let line = ByteText.text(raw)
            if let first = line.first, first != " ", first != "#", line.hasSuffix(":") {
                key = String(line.dropLast())
                continue
            }
            guard let current = key, line.hasPrefix("  value: ") || line.hasPrefix("    value: ") else { continue }
            let text = ByteText.trimmed(line.drop { $0 == " " }.dropFirst("value: ".count))
            out.append((current, Self.scalar(text)))
            key = nil
        }
        return out
    }

    /// A YAML scalar as JSON: numbers, booleans, null, else the (unquoted) text.
    static func scalar(_ text: String) -> JSONValue {
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null", "~", "": return .null
        default: break
        }
        if let i = Int(text) { return .int(i) }
        if let d = Double(text), !text.hasPrefix("."), text.first?.isNumber == true || text.first == "-" { return .number(d) }
        if text.count >= 2, let q = text.first, q == "'" || q == "\"", text.last == q { return .string(String(text.dropFirst().dropLast())) }
        return .string(text)
    }

    /// The console lines of `output.log` (at most 64 MiB are read).
    func outputLog() -> (path: String, lines: [String])? {
        let file = path + "/output.log"
        guard FileSystem.isFile(file), let bytes = try? FileBytes.read(file, limit: 64 << 20) else { return nil }
        return (file, ByteText.lines(bytes).map { line in
            let text = ByteText.text(line)
            return text.lastIndex(of: "\r").map { String(text[text.index(after: $0)...]) } ?? text
        })
    }
}
