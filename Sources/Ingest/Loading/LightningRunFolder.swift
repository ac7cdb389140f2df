/// PyTorch Lightning's run folder, `<save_dir>/<name>/version_<n>/`: `metrics.csv` (CSVLogger),
/// event files (TensorBoardLogger) and `hparams.yaml` (both loggers write the same one).
enum LightningRunFolder {
    static let hparamsFile = "hparams.yaml"

    /// Whether the folder is named `version_<n>`.
    static func isVersionFolder(_ path: String) -> Bool {
        version(of: path) != nil
    }

    /// `n` of a `version_<n>` folder.
    static func version(of path: String) -> Int? {
        let name = RunNaming.lastComponent(path)
        guard name.hasPrefix("version_") else { return nil }
        return Int(name.dropFirst("version_".count))
    }

    /// The hyperparameters of `hparams.yaml` as `hparams.<key>` facts (nested mappings joined with
    /// dots; lists and Python object tags left out). A missing or unreadable file gives none.
    static func hyperparameters(in folder: String) -> [(key: String, value: String)] {
        let path = folder + "/" + hparamsFile
        guard FileSystem.isFile(path), let bytes = try? FileBytes.read(path, limit: 1 << 20) else { return [] }
        var facts: [(key: String, value: String)] = []
        var parents: [(indent: Int, key: String)] = []
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
            let indent = line.prefix { $0 == " " }.count
            let text = line.dropFirst(indent).trimmingSuffix { $0 == "\r" || $0 == " " }
            guard !text.isEmpty, !text.hasPrefix("#"), !text.hasPrefix("- "), let colon = text.firstIndex(of: ":") else { continue }
            while let last = parents.last, last.indent >= indent { parents.removeLast() }
            let key = text[..<colon].trimmingSuffix { $0 == " " }
            let value = text[text.index(after: colon)...].drop { $0 == " " }
            if value.isEmpty {
                parents.append((indent, String(key)))
                continue
            }
            guard !value.hasPrefix("!!"), !value.hasPrefix("&"), !value.hasPrefix("*") else { continue }
            let unquoted = value.count >= 2 && (value.first == "'" || value.first == "\"") && value.last == value.first
                ? value.dropFirst().dropLast() : value
            facts.append(("hparams." + (parents.map(\.key) + [String(key)]).joined(separator: "."), String(unquoted)))
        }
        return facts
    }
}

extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var s = self
        while let last = s.last, predicate(last) { s = s.dropLast() }
        return s
    }
}
