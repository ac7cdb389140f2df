/// Run names people recognise: the output directory's name, not "trainer_state" or "metrics".
enum RunNaming {
    /// File stems that say what a file is, not which run it belongs to.
    static let genericStems: Set<String> = [
        "trainer_state", "metrics", "trainer_log", "wandb-history", "train_log", "training_log", "log", "logs",
        "history", "results", "scalars", "running_log", "train", "output", "events", "progress", "stdout",
    ]
    /// Directory names that say nothing about the run (wandb's `files/`, Lightning's `version_0/` is kept).
    static let genericDirectories: Set<String> = ["files", "logs", "log", ".", ""]

    static func name(ofDirectory path: String) -> String {
        let real = FileSystem.realPath(path)
        let base = lastComponent(real)
        return base.isEmpty ? path : base
    }

    /// A name for a run read from one file.
    static func name(ofFile path: String) -> String {
        let base = lastComponent(path)
        let export = TensorBoardExportName(fileName: base)
        if export.run != nil {
            return export.meaningfulRun ?? meaningfulParent(of: path) ?? base
        }
        var stem = base
        for ext in [".jsonl", ".json", ".csv", ".txt", ".log"] where stem.lowercased().hasSuffix(ext) {
            stem = String(stem.dropLast(ext.count))
            break
        }
        if genericStems.contains(stem.lowercased()) {
            return meaningfulParent(of: path) ?? stem
        }
        for generic in genericStems.sorted(by: { ($0.count, $0) > ($1.count, $1) }) {
            for separator in ["__", "_", "-"] where stem.hasSuffix(separator + generic) && stem.count > generic.count + separator.count {
                return String(stem.dropLast(generic.count + separator.count))
            }
        }
        return stem
    }

    /// The nearest enclosing directory with a meaningful name (skipping `files/`, `checkpoint-N/`).
    static func meaningfulParent(of path: String) -> String? {
        var components = FileSystem.realPath(path).split(separator: "/").map(String.init)
        components.removeLast()
        while let last = components.last {
            if genericDirectories.contains(last) || last.hasPrefix("checkpoint-") {
                components.removeLast()
                continue
            }
            // Lightning: <name>/version_<n>/metrics.csv
            if last.hasPrefix("version_"), components.count >= 2 {
                return components[components.count - 2] + "/" + last
            }
            return last
        }
        return nil
    }

    static func lastComponent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        return p.split(separator: "/").last.map(String.init) ?? String(p)
    }
}
