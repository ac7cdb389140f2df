import Foundation
import RunModel
import TestSupport
import Testing
@testable import Ingest

/// Every file of the shared corpus in the formats read here parses, and its counts agree with an
/// independent count made with Foundation (JSONDecoder in JSON5 mode, which accepts bare NaN).
/// Skips cleanly when `../shared` is absent.
@Suite struct CorpusTests {
    struct Entry {
        var file: String
        var format: String
    }

    static func manifest(_ formats: Set<String>) -> [Entry] {
        guard let corpus = RepositoryPaths.corpus,
              let text = try? String(contentsOfFile: corpus + "/MANIFEST.tsv", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count > 2, formats.contains(cells[1]) else { return nil }
            return Entry(file: corpus + "/" + cells[0], format: cells[1])
        }
    }

    /// A log_history entry decoded dynamically: which keys hold numbers, and the step.
    struct LogEntry: Decodable {
        var numericKeys: Set<String> = []
        var numbers: [String: Double] = [:]
        var step: Int?

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            for key in c.allKeys {
                if key.stringValue == "step" { step = try? c.decode(Int.self, forKey: key) }
                if let number = try? c.decode(Double.self, forKey: key) {
                    numericKeys.insert(key.stringValue)
                    numbers[key.stringValue] = number
                }
            }
        }
    }

    struct State: Decodable {
        var log_history: [LogEntry]
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.allowsJSON5 = true
        return d
    }

    @Test func everyTrainerStateParsesAndCountsDistinctLossSteps() throws {
        let entries = Self.manifest(["hf-trainer-state-json"])
        guard !entries.isEmpty else { return }
        for entry in entries {
            let run = try RunLoader.load(entry.file)
            #expect(run.format == "hf-trainer-state")
            let state = try Self.decoder().decode(State.self, from: Data(contentsOf: URL(fileURLWithPath: entry.file)))
            for (key, name) in [("loss", "train/loss"), ("eval_loss", "eval/loss")] {
                let steps = Set(state.log_history.filter { $0.numericKeys.contains(key) }.compactMap(\.step))
                #expect((run.series(named: name)?.count ?? 0) == steps.count, "\(entry.file): \(name)")
            }
        }
    }

    @Test func everyJSONLLogParsesAndSeriesCountTheLinesCarryingTheirKey() throws {
        let entries = Self.manifest(["jsonl"])
        guard !entries.isEmpty else { return }
        for entry in entries {
            let run = try RunLoader.load(entry.file)
            #expect(run.format == "jsonl")
            #expect(!run.series.isEmpty, "\(entry.file)")
            let lines = try String(contentsOfFile: entry.file, encoding: .utf8).split(separator: "\n")
                .filter { !$0.allSatisfy(\.isWhitespace) }
            let decoded = try lines.map { try Self.decoder().decode(LogEntry.self, from: Data($0.utf8)) }
            let stepKeys = ["train/global_step", "global_step", "step", "iteration", "iter", "current_steps", "_step"]
            for series in run.series {
                // Lines carrying the key; a line that repeats the previous one's step and value is the
                // same point logged again (LLaMA-Factory's closing line), not a new one.
                var carrying = 0
                var previous: (steps: [Double?], value: Double?)?
                for entry in decoded where entry.numericKeys.contains(series.key) {
                    let current = (steps: stepKeys.map { entry.numbers[$0] }, value: entry.numbers[series.key])
                    if let p = previous, p.steps == current.steps, p.value == current.value { continue }
                    carrying += 1
                    previous = current
                }
                let repaired = run.warnings.contains { $0.message.hasPrefix(series.name + ":") }
                if repaired {
                    #expect(carrying > series.count, "\(entry.file): \(series.name)")
                } else {
                    #expect(carrying == series.count, "\(entry.file): \(series.name)")
                }
            }
        }
    }

    @Test func everyTensorBoardExportParsesWithOnePointPerRow() throws {
        let entries = Self.manifest(["tensorboard-csv-export"])
        guard !entries.isEmpty else { return }
        for entry in entries {
            let run = try RunLoader.load(entry.file)
            let rows = try String(contentsOfFile: entry.file, encoding: .utf8)
                .split(whereSeparator: \.isNewline).dropFirst().filter { !$0.isEmpty }.count
            #expect(run.series.count == 1)
            #expect(run.series.first?.count == rows, "\(entry.file)")
        }
    }

    @Test func theCorpusFolderOfExportsIsOneRun() throws {
        guard let corpus = RepositoryPaths.corpus else { return }
        let found = RunDiscovery.discover([corpus + "/tensorboard-csv"])
        #expect(found.runs.count == 1)
        #expect(found.runs.first?.files.count == 11)
    }
}
