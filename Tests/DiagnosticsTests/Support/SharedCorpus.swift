import Foundation

/// `<repo root>/../shared/corpus`, the read-only sample logs; nil when it is not there.
enum SharedCorpus {
    static let path: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/corpus").path
        return FileManager.default.fileExists(atPath: root + "/MANIFEST.tsv") ? root : nil
    }()
}
