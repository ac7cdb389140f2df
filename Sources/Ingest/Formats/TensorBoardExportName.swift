/// Run and tag from the file names TensorBoard's (legacy) UI gives its downloads:
/// `run-<run>-tag-<tag>.csv` / `.json`, possibly behind a prefix. Browsers turn a `/` in the tag into
/// `_`, so `train_loss` stands for `train/loss`; `MetricCatalog` maps both to the same name.
struct TensorBoardExportName: Equatable {
    var run: String?
    var tag: String

    init(fileName: String) {
        var stem = fileName
        for ext in [".csv", ".json"] where stem.lowercased().hasSuffix(ext) {
            stem = String(stem.dropLast(ext.count))
        }
        if let runRange = stem.firstRange(of: "run-"), let tagRange = stem[runRange.upperBound...].firstRange(of: "-tag-") {
            let run = String(stem[runRange.upperBound..<tagRange.lowerBound])
            self.run = run
            self.tag = String(stem[tagRange.upperBound...])
        } else {
            self.run = nil
            self.tag = stem
        }
    }

    static func matches(_ fileName: String) -> Bool {
        TensorBoardExportName(fileName: fileName).run != nil
    }

    /// A run part that names something (TensorBoard writes `.` for the log directory itself).
    var meaningfulRun: String? {
        guard let run, !run.isEmpty, run != ".", run != "./" else { return nil }
        return run.replacing("/", with: "_")
    }

    /// The files of `directory` ending in `ending` that `format` recognises for sure, grouped into runs.
    static func claim(_ directory: DirectoryListing, ending: String, format: some RunFormat,
                      prefix: (String) -> [UInt8]) -> DirectoryClaim {
        let files = directory.files.filter { name in
            name.lowercased().hasSuffix(ending) && format.sniff(fileName: name, prefix: prefix(name)).strength == .strong
        }
        guard !files.isEmpty else { return DirectoryClaim() }
        return group(files, directory: directory, format: format.id)
    }

    /// Groups export files of one directory into runs by their run part.
    static func group(_ files: [String], directory: DirectoryListing, format: String) -> DirectoryClaim {
        var groups: [String: [String]] = [:]
        for file in files {
            groups[TensorBoardExportName(fileName: file).run ?? "", default: []].append(file)
        }
        let dirName = RunNaming.name(ofDirectory: directory.path)
        let runs = groups.keys.sorted().map { run -> RunInput in
            let members = (groups[run] ?? []).sorted()
            let meaningful = TensorBoardExportName(fileName: members.first ?? "").meaningfulRun
            let name = groups.count == 1 ? (meaningful ?? dirName) : (meaningful.map { "\(dirName)/\($0)" } ?? dirName)
            let note = "\(members.count) tag file\(members.count == 1 ? "" : "s") in the directory"
            return RunInput(name: name, format: format, files: members.map(directory.child), note: note, location: directory.path)
        }
        return DirectoryClaim(runs: runs, files: Set(files))
    }
}
