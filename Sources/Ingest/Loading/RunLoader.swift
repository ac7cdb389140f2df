import RunModel

/// The entry point every stage uses to read one run: a file, or a directory that holds one run
/// (an HF output directory with everything below it, a Lightning version_N, a folder of TensorBoard
/// exports, a folder with one log).
public enum RunLoader {
    /// Reads the run at `path`; `format` forces a format id instead of detecting it.
    public static func load(_ path: String, format: String? = nil) throws -> Run {
        let registry = FormatRegistry.standard
        let input = try resolve(path, format: format, registry: registry)
        return try load(input, registry: registry)
    }

    /// Reads a run whose files are already known (e.g. from `RunDiscovery`): every source, merged.
    public static func load(_ input: RunInput, registry: FormatRegistry = .standard) throws -> Run {
        try RunAssembler.load(input, registry: registry)
    }

    /// Which format and files `path` stands for.
    public static func resolve(_ path: String, format id: String? = nil, registry: FormatRegistry = .standard) throws -> RunInput {
        let forced = try id.map { try registry.require(id: $0, path: path) }
        switch FileSystem.kind(path) {
        case .missing:
            throw IngestError(path: path, message: "no such file or directory")
        case .other:
            throw IngestError(path: path, message: "not a regular file or directory")
        case .file:
            let format = try forced ?? registry.detect(path: path)
            return RunInput(name: RunNaming.name(ofFile: path), format: format.id, files: [path], location: path)
        case .directory:
            if case .failure(let e) = FileSystem.list(path) {
                throw IngestError(path: path, message: e.message)
            }
            let found = RunDiscovery.discover([path], registry: forced.map { FormatRegistry([$0]) } ?? registry)
            if found.runs.count == 1 { return found.runs[0] }
            if found.runs.isEmpty {
                let notes = found.problems + found.skipped
                let why = notes.prefix(5).map { "\($0.path): \($0.message)" }.joined(separator: "; ")
                throw IngestError(path: path, message: "holds no run trainreport can read" + (why.isEmpty ? " (empty)" : " (\(why))"))
            }
            let names = found.runs.map { RunNaming.lastComponent($0.files.first ?? $0.location) }.joined(separator: ", ")
            throw IngestError(path: path, message: "holds \(found.runs.count) runs (\(names)); give one of them")
        }
    }
}
