/// Finds every run under some roots. Each format finds sources (an HF output directory's
/// trainer_state.json or newest checkpoint, a folder of TensorBoard exports, the event files of one
/// training, a log file); `RunGrouping` then makes every source inside a run folder (an HF output
/// dir, a Lightning `version_N`) part of that folder's run. Files that are not runs are listed with
/// the reason (for `--verbose`); unreadable folders, symlink loops and roots that are files but not
/// runs are reported, never fatal.
public enum RunDiscovery {
    public struct Note: Sendable, Equatable {
        public var path: String
        public var message: String

        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    public struct Result: Sendable, Equatable {
        /// Runs in path order.
        public var runs: [RunInput] = []
        /// Files that are not runs (with what every format said) and folders already visited (symlink loops).
        public var skipped: [Note] = []
        /// Folders that could not be read, missing roots, roots that are files but not runs (the user
        /// named them, so passing over them quietly would hide a typo).
        public var problems: [Note] = []
    }

    /// - Parameter confined: never follow a symlink out of the folder being walked (archives); false
    ///   for one run's folder named directly (`RunLoader.resolve`), where a link is the user's choice.
    public static func discover(_ roots: [String], registry: FormatRegistry = .standard, confined: Bool = true) -> Result {
        var result = Result()
        var visited = Set<FileSystem.NodeID>()
        for root in roots {
            switch FileSystem.kind(root) {
            case .missing:
                result.problems.append(Note(path: root, message: "no such file or directory"))
            case .other:
                result.problems.append(Note(path: root, message: "not a regular file or directory"))
            case .file:
                do {
                    result.runs.append(try RunLoader.resolve(root, registry: registry))
                } catch let error as IngestError {
                    result.problems.append(Note(path: root, message: error.message))
                } catch {
                    result.problems.append(Note(path: root, message: "\(error)"))
                }
            case .directory:
                walk(root, within: confined ? FileSystem.realPath(root) : nil, registry: registry, visited: &visited, into: &result)
            }
        }
        result.runs = RunGrouping.assemble(result.runs)
        return result
    }

    /// Walks `path`, never following a symlink out of `root` (the canonical archive folder given).
    private static func walk(_ path: String, within root: String?, registry: FormatRegistry, visited: inout Set<FileSystem.NodeID>,
                             into result: inout Result) {
        guard let id = FileSystem.nodeID(path) else {
            result.problems.append(Note(path: path, message: "cannot read the directory: \(FileBytes.errorText())"))
            return
        }
        guard visited.insert(id).inserted else {
            result.skipped.append(Note(path: path, message: "already visited (a symlink loop or a second link to the same folder)"))
            return
        }
        let listing: DirectoryListing
        switch FileSystem.list(path, confinedTo: root) {
        case .success(let l): listing = l
        case .failure(let e):
            result.problems.append(Note(path: path, message: e.message))
            return
        }
        if FileSystem.kind(listing.child(TrainreportOutput.auditManifestName)) == .file
            || FileSystem.kind(listing.child(TrainreportOutput.auditJournalName)) == .file
            || FileSystem.kind(listing.child(TrainreportOutput.auditStateFolderName)) == .directory {
            result.skipped.append(Note(path: path, message: "a trainreport audit's output folder (it holds \(TrainreportOutput.auditManifestName)); not searched"))
            return
        }
        let found = runs(in: listing, registry: registry)
        // A run whose files a symlink deeper down takes out of the archive (`checkpoint-9/trainer_state.json
        // -> /etc/shadow`) is not read: its bytes could end up quoted in an error message.
        for run in found.runs {
            if let root, let leaving = run.files.first(where: { !FileSystem.isInside(FileSystem.realPath($0), root) }) {
                result.skipped.append(Note(path: leaving, message: outsideMessage))
            } else {
                result.runs.append(run)
            }
        }
        result.skipped += found.skipped
        for directory in listing.directories where !found.claimedDirectories.contains(directory) {
            walk(listing.child(directory), within: root, registry: registry, visited: &visited, into: &result)
        }
    }

    /// The runs directly in one directory (not in its subdirectories), the files skipped, and the
    /// subdirectories the runs account for.
    static func runs(in listing: DirectoryListing, registry: FormatRegistry)
        -> (runs: [RunInput], skipped: [Note], claimedDirectories: Set<String>) {
        var prefixes: [String: [UInt8]] = [:]
        func prefix(_ name: String) -> [UInt8] {
            if let p = prefixes[name] { return p }
            let p = (try? FileBytes.read(listing.child(name), limit: FormatRegistry.sniffLength)) ?? []
            prefixes[name] = p
            return p
        }
        var runs: [RunInput] = []
        var claimedFiles = Set<String>()
        var claimedDirectories = Set<String>()
        for format in registry.formats {
            let claim = format.claim(listing, prefix: prefix)
            runs += claim.runs.filter { run in !run.files.contains { claimedFiles.contains(RunNaming.lastComponent($0)) } }
            claimedFiles.formUnion(claim.files)
            claimedDirectories.formUnion(claim.directories)
        }
        var skipped = listing.special.map { Note(path: listing.child($0), message: specialFileMessage) }
            + listing.outside.map { Note(path: listing.child($0), message: outsideMessage) }
        for file in listing.files where !claimedFiles.contains(file) {
            let path = listing.child(file)
            if let reason = RunFolderFiles.notRuns[file] {
                skipped.append(Note(path: path, message: reason))
                continue
            }
            let found = registry.detect(fileName: file, prefix: prefix(file))
            if let format = found.format {
                let input = RunInput(name: RunNaming.name(ofFile: path), format: format.id, files: [path], location: path)
                if let notARun = weakMatchThatIsNotARun(input, format: format, prefix: prefix(file)) {
                    skipped.append(Note(path: path, message: notARun))
                    continue
                }
                runs.append(input)
            } else {
                skipped.append(Note(path: path, message: found.verdicts))
            }
        }
        return (runs, skipped.sorted { $0.path < $1.path }, claimedDirectories)
    }

    /// A file in a walked folder that only a weak sniff matched (a name, a framing) is read once here:
    /// when it is not what the name promised (a `trainer_state.json` of notes), it is a file that is
    /// not a run, passed over with the reason, not an error of the archive. Strong matches are not
    /// read twice: a broken real log stays an error.
    private static func weakMatchThatIsNotARun(_ input: RunInput, format: any RunFormat, prefix: [UInt8]) -> String? {
        guard format.sniff(fileName: RunNaming.lastComponent(input.files[0]), prefix: prefix).strength == .weak else { return nil }
        do {
            _ = try format.parse(input)
            return nil
        } catch {
            let why = (error as? IngestError)?.message ?? "\(error)"
            return "looked like \(format.id) by its name or framing, but is not one (\(why))"
        }
    }

    static let specialFileMessage = "not a regular file (a device, FIFO or socket), so not opened"
    static let outsideMessage = "a symlink leading out of the folder being searched; not followed (give its target as an input to read it)"
}
