import RunModel

/// The `files/` folder of a W&B run directory: what the W&B server shows, kept next to the `.wandb`
/// file. wandb's file names (`wandb/sdk/lib/filenames.py`): `wandb-summary.json` (the final summary,
/// `{"key": value, ...}`), `config.yaml` (each config key as `key:\n  value: ...`),
/// `wandb-metadata.json` (the environment: `os`, `python`, `program`, `args`, `host`, `gpu`,
/// `gpu_count`, `gpu_nvidia`/`gpu_devices`, `cudaVersion`...), `output.log` (the console) and
/// `requirements.txt`. Online runs write them all; offline runs of wandb before 0.18 (its Python
/// backend) too; offline runs of wandb-core only `requirements.txt` (and sometimes `output.log`), as
/// the `.wandb` file holds the same facts. Used where the `.wandb` file lacks a fact, and to
/// cross-check its summary. A missing file is simply absent; a file that is there but cannot be read
/// as what its name says is a repair note (`problems`), never a failure.
struct WandbFilesFolder {
    let path: String
    /// Files that are there but could not be used, with why (repair notes for the run).
    private(set) var problems: [(path: String, message: String)] = []

    static let documentLimit = 16 << 20

    init(runDirectory: String) {
        path = runDirectory + "/files"
    }

    /// `wandb-metadata.json`, when it is a JSON object.
    mutating func metadata() -> JSONValue? {
        document("wandb-metadata.json")
    }

    /// `wandb-summary.json`'s members (W&B's own `_wandb`, `_runtime`... included).
    mutating func summary() -> [(String, JSONValue)] {
        guard case .object(let members) = document("wandb-summary.json") else { return [] }
        return members
    }

    /// Top-level `key:` entries with a scalar `value:` (W&B's config.yaml layout); nested values are skipped.
    mutating func config() -> [(String, JSONValue)] {
        let file = path + "/config.yaml"
        guard FileSystem.isFile(file) else { return [] }
        guard let bytes = read(file, limit: Self.documentLimit) else { return [] }
        var out: [(String, JSONValue)] = []
        var key: String?
        var entries = 0
        for raw in ByteText.lines(bytes) {
            let line = ByteText.text(raw)
            if let first = line.first, first != " ", first != "#", line.hasSuffix(":") {
                key = String(line.dropLast())
                entries += 1
                continue
            }
            guard let current = key, line.hasPrefix("  value: ") || line.hasPrefix("    value: ") else { continue }
            let text = ByteText.trimmed(line.drop { $0 == " " }.dropFirst("value: ".count))
            out.append((current, Self.scalar(text)))
            key = nil
        }
        if entries == 0 && bytes.contains(where: { !ByteText.isSpace($0) }) {
            problems.append((file, "not W&B's config layout (top-level `key:` entries, each with its `value:`); the config was not read from it"))
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
    mutating func outputLog() -> (path: String, lines: [String])? {
        let file = path + "/output.log"
        guard FileSystem.isFile(file), let bytes = read(file, limit: 64 << 20, cut: true) else { return nil }
        return (file, ByteText.lines(bytes).map { line in
            let text = ByteText.text(line)
            return text.lastIndex(of: "\r").map { String(text[text.index(after: $0)...]) } ?? text
        })
    }

    /// A JSON object file of `files/`, or nil (absent, or a problem noted).
    private mutating func document(_ name: String) -> JSONValue? {
        let file = path + "/" + name
        guard FileSystem.isFile(file), let bytes = read(file, limit: Self.documentLimit) else { return nil }
        let parsed: Result<JSONValue, IngestError> = bytes.withUnsafeBufferPointer { b in
            var scanner = JSONScanner(bytes: b, path: file)
            do {
                let value = try scanner.parseValue()
                scanner.skipWhitespace()
                guard scanner.pos == b.count else {
                    return .failure(IngestError(path: file, byteOffset: scanner.pos, message: "expected the end of the JSON document"))
                }
                return .success(value)
            } catch let error as IngestError {
                return .failure(error)
            } catch {
                return .failure(IngestError(path: file, message: "\(error)"))
            }
        }
        switch parsed {
        case .success(let value):
            guard case .object = value else {
                problems.append((file, "expected a JSON object, found another JSON value; not read"))
                return nil
            }
            return value
        case .failure(let error):
            let at = error.byteOffset.map { " at byte \($0)" } ?? ""
            problems.append((file, "not valid JSON\(at) (\(error.message)); not read"))
            return nil
        }
    }

    /// The file's bytes, or nil with a problem noted: unreadable, or (unless `cut`) over `limit`.
    private mutating func read(_ file: String, limit: Int, cut: Bool = false) -> [UInt8]? {
        do {
            let bytes = try FileBytes.read(file, limit: limit + 1)
            if bytes.count > limit {
                if cut { return Array(bytes.prefix(limit)) }
                problems.append((file, "larger than \(limit >> 20) MiB; not read"))
                return nil
            }
            return bytes
        } catch let error as IngestError {
            problems.append((file, "cannot be read (\(error.message))"))
        } catch {
            problems.append((file, "cannot be read (\(error))"))
        }
        return nil
    }
}
