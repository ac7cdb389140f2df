import Charts
import Foundation
import RunModel
import Testing
@testable import CairoBackend

/// Renders the charts of the corpus's trainer_state.json files into `$CHART_PREVIEW_DIR`, through a
/// throwaway reader (the Ingest stage owns the real one). Skipped unless that variable is set and
/// `../shared/corpus` exists.
struct CorpusPreviewTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/hf-trainer-state")
    static var enabled: Bool {
        ProcessInfo.processInfo.environment["CHART_PREVIEW_DIR"] != nil
            && FileManager.default.fileExists(atPath: corpus.path)
    }

    /// `log_history` entries as points; bare NaN/Infinity tokens become strings first.
    static func read(_ url: URL) throws -> Run {
        var text = try String(contentsOf: url, encoding: .utf8)
        for token in ["-Infinity", "Infinity", "NaN"] {
            text = text.replacingOccurrences(of: ": \(token)", with: ": \"\(token)\"")
        }
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        var b = RunBuilder(name: url.lastPathComponent.components(separatedBy: "__").prefix(2).joined(separator: "/"),
                           format: "hf-trainer-state", sourcePath: url.path)
        for entry in object["log_history"] as? [[String: Any]] ?? [] {
            guard let step = entry["step"] as? Int, entry["train_runtime"] == nil else { continue }
            for (key, value) in entry.sorted(by: { $0.key < $1.key }) where key != "step" {
                if let v = value as? Double {
                    b.add(key: key, step: step, value: v)
                } else if let s = value as? String, let v = Double(s.replacingOccurrences(of: "Infinity", with: "inf")) {
                    b.add(key: key, step: step, value: v)
                }
            }
        }
        return b.build()
    }

    @Test(.enabled(if: enabled))
    func previewCorpusCharts() throws {
        let dir = ProcessInfo.processInfo.environment["CHART_PREVIEW_DIR"] ?? "/tmp"
        let measurer = try CairoTextMeasurer()
        let files = try FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil)
        for file in files.sorted(by: { $0.path < $1.path }) {
            let run = try Self.read(file)
            let stem = file.lastPathComponent.components(separatedBy: "__").first ?? "run"
            for chart in ChartFactory.charts(for: run, findings: []) {
                let scene = chart.scene(width: 720, height: 400, measurer: measurer)
                try Data(try ChartRenderer.png(scene)).write(to: URL(fileURLWithPath: "\(dir)/corpus-\(stem)-\(chart.kind.rawValue).png"))
            }
        }
    }
}
