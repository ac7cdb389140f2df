import RunModel

/// What `trainreport inspect` reports: every run read from the given paths, and every path that
/// could not be read. Rendering lives in `InspectSummary+Text` and `InspectSummary+JSON`.
public struct InspectSummary: Sendable {
    public var runs: [Run]
    public var errors: [PathFailure]
    /// Files passed over while walking directories, with the reason (shown with `--verbose`).
    public var skipped: [RunDiscovery.Note]

    public init(runs: [Run], errors: [PathFailure], skipped: [RunDiscovery.Note] = []) {
        self.runs = runs
        self.errors = errors
        self.skipped = skipped
    }

    /// 0 when every input was read, 2 when any could not be.
    public var exitCode: Int32 { errors.isEmpty ? 0 : 2 }

    /// Reads every path: a file is one run; a directory is walked with `RunDiscovery` (an HF output
    /// directory with every source below it, or a folder of TensorBoard exports, is one run; a
    /// folder of runs gives each).
    public static func collect(_ paths: [String], format: String? = nil) -> InspectSummary {
        var summary = InspectSummary(runs: [], errors: [])
        let registry = FormatRegistry.standard
        for path in paths {
            var inputs: [RunInput] = []
            if FileSystem.kind(path) == .directory {
                var scoped = registry
                if let format {
                    guard let forced = registry.format(id: format) else {
                        summary.errors.append(PathFailure(path: path, message: "\(path): unknown format '\(format)'; known formats: \(registry.ids.joined(separator: ", "))"))
                        continue
                    }
                    scoped = FormatRegistry([forced])
                }
                let found = RunDiscovery.discover([path], registry: scoped)
                inputs = found.runs
                summary.skipped += found.skipped
                summary.errors += found.problems.map { PathFailure(path: $0.path, message: "\($0.path): \($0.message)") }
                if found.runs.isEmpty && found.problems.isEmpty {
                    summary.errors.append(PathFailure(path: path, message: "\(path): holds no run trainreport can read"))
                }
            } else {
                do {
                    inputs = [try RunLoader.resolve(path, format: format, registry: registry)]
                } catch {
                    summary.errors.append(failure(path, error))
                    continue
                }
            }
            for input in inputs {
                do {
                    summary.runs.append(try RunLoader.load(input, registry: registry))
                } catch {
                    summary.errors.append(failure(input.files.first ?? input.location, error))
                }
            }
        }
        return summary
    }

    private static func failure(_ path: String, _ error: any Error) -> PathFailure {
        if let e = error as? IngestError { return PathFailure(path: e.path, message: e.description) }
        return PathFailure(path: path, message: "\(path): \(error)")
    }
}
