import Foundation
import RunModel
import TestSupport
import Testing
@testable import Ingest

/// The `wandb` format on runs the real `wandb` package wrote (Fixtures/wandb, made by
/// make_wandb_fixtures.py), checked against what wandb's own Python reader decoded from the same
/// files (expected.json), and on damaged copies of them.
@Suite struct WandbFormatTests {
    static let fixtures = RepositoryPaths.root.appendingPathComponent("Tests/IngestTests/Fixtures/wandb").path

    struct Expected: Decodable {
        struct Key: Decodable {
            var count: Int
            var first: Number
            var last: Number
        }

        var records: Int
        var history: [String: Key]
        var stats_samples: Int
        var exit_code: Int?
    }

    /// A JSON number, or the string Python writes for a non-finite float ("nan", "inf").
    struct Number: Decodable {
        var value: Double
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { value = d; return }
            value = Double(try c.decode(String.self)) ?? .nan
        }
    }

    static func expected() throws -> [String: Expected] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/expected.json"))
        return try JSONDecoder().decode([String: Expected].self, from: data)
    }

    static func decode(_ bytes: [UInt8], path: String = "test.wandb") throws -> (WandbRecordDecoder.Contents, WandbLogReader.Damage) {
        try bytes.withUnsafeBufferPointer { b in
            var decoder = WandbRecordDecoder()
            let damage = try WandbLogReader.read(b, path: path) { record, _ in decoder.record(record) }
            decoder.finish()
            return (decoder.contents, damage)
        }
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        try FileBytes.read(fixtures + "/" + relative)
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

    @Test func crc32MatchesZlib() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum([1]) == 0xA505_DF1B)
        let long = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        #expect(long.withUnsafeBufferPointer { CRC32.update(CRC32.update(0, $0, from: 0, to: 333), $0, from: 333, to: 1000) } == CRC32.checksum(long))
    }

    @Test func historyMatchesWhatWandbsOwnReaderDecodes() throws {
        let expected = try Self.expected()
        #expect(expected.count == 9)
        for (relative, want) in expected {
            let (contents, damage) = try Self.decode(try Self.bytes(relative))
            #expect(damage.badChecksums == 0 && damage.damagedBlocks == 0, "\(relative)")
            #expect(contents.records == want.records, "\(relative): records")
            #expect(contents.stats.count == want.stats_samples, "\(relative): stats")
            #expect(contents.exitCode == want.exit_code, "\(relative): exit code")
            #expect(Set(contents.columns.map(\.key)) == Set(want.history.keys), "\(relative): keys")
            for column in contents.columns {
                guard let key = want.history[column.key] else { continue }
                #expect(column.values.count == key.count, "\(relative) \(column.key): count")
                #expect(Self.same(column.values.first ?? 0, key.first.value), "\(relative) \(column.key): first")
                #expect(Self.same(column.values.last ?? 0, key.last.value), "\(relative) \(column.key): last")
            }
        }
    }

    @Test func hfTrainerRunIsOnTheGlobalStepAxisWithItsFinalSummary() throws {
        let run = try RunLoader.load(Self.fixtures + "/hf-trainer/wandb")
        #expect(run.format == "wandb")
        #expect(run.name == "hf-trainer")
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.count == 12 && loss.steps.first == 5 && loss.steps.last == 60)
        #expect(loss.hasWallTime)
        #expect(run.series(.evalLoss)?.steps == [20, 40, 60])
        #expect(run.series(named: "train/global_step") == nil)
        #expect(run.series(.epoch)?.count == 12)
        #expect(run.metadata.maxSteps == 60 && run.metadata.evalSteps == 20 && run.metadata.loggingSteps == 5)
        #expect(run.metadata.hasFinalSummary && run.metadata.trainRuntime != nil && run.metadata.meanTrainLoss != nil)
        #expect(run.metadata.modelName == "gpt2")
        #expect(run.metadata.extra.contains { $0.key == "wandb.display_name" && $0.value == "hf-tiny-gpt2" })
        #expect(run.metadata.extra.contains { $0.key == "wandb.exit_code" && $0.value == "0" })
        #expect(run.warnings.isEmpty, "\(run.warnings.map(\.description))")
    }

    @Test func customLoopKeepsNaNNestedKeysAndSkipsStrings() throws {
        let run = try RunLoader.load(Self.fixtures + "/custom-loop/wandb")
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.count == 60 && loss.values[7].isNaN)
        #expect(run.series(named: "eval/accuracy")?.key == "eval.accuracy")
        #expect(run.series(named: "train/note") == nil)
        #expect(run.metadata.maxSteps == 60 && run.metadata.trainBatchSize == 16)
        #expect(run.metadata.extra.contains { $0.key == "summary.best_eval_loss" && $0.value == "0.42" })
    }

    @Test func aRunFolderCountsEachRunOnceDespiteLatestRun() {
        let one = RunDiscovery.discover([Self.fixtures + "/custom-loop"])
        #expect(one.runs.count == 1 && one.problems.isEmpty)
        #expect(one.runs.first?.files.count == 1)
        let all = RunDiscovery.discover([Self.fixtures])
        // Eight fixtures, one run each: hf-output-dir is an HF output dir with its W&B run inside.
        #expect(all.runs.count == 8, "\(all.runs.map(\.location))")
        #expect(all.runs.filter { $0.format == "wandb" }.count == 7)
        #expect(all.runs.first { $0.format == "hf-trainer-state" }?.companions.map(\.format).sorted() == ["tfevents", "wandb"])
        #expect(all.skipped.allSatisfy { !$0.path.contains("run-") }, "\(all.skipped)")
    }

    @Test func aResumedRunIsOneRunWithTwoSegments() throws {
        let run = try RunLoader.load(Self.fixtures + "/resumed/wandb")
        #expect(run.provenance.sources.count == 2)
        #expect(run.provenance.restarts == [Restart(step: 16, abandonedThrough: 20, supersededPoints: 15)])
        #expect(run.series(.trainLoss)?.steps == Array(1...40))
    }

    @Test func aCrashReportsItsTracebackAndExitCode() throws {
        let run = try RunLoader.load(Self.fixtures + "/crashed/wandb")
        let texts = run.metadata.logEvents.map(\.text)
        #expect(texts.contains("ValueError: batch 12 has no labels"))
        #expect(texts.contains("W&B exit record: the run exited with code 1"))
        #expect(run.metadata.logEvents.allSatisfy { $0.kind == .error })
    }

    @Test func aKilledRunKeepsEveryIntactRecordAndSaysSo() throws {
        let run = try RunLoader.load(Self.fixtures + "/killed/wandb")
        #expect(run.series(.trainLoss)?.count ?? 0 >= 100)
        let messages = run.warnings.map(\.message)
        #expect(messages.contains { $0.hasPrefix("file ends mid-record") })
        #expect(messages.contains { $0.hasPrefix("no exit record") })
    }

    @Test func aFileCutAnywhereGivesTheRecordsBeforeTheCut() throws {
        let whole = try Self.bytes("custom-loop/" + Self.runFile("custom-loop"))
        let (full, _) = try Self.decode(whole)
        var previous = 0
        for cut in stride(from: 7, to: whole.count, by: 997) {
            let (contents, damage) = try Self.decode(Array(whole[0..<cut]))
            #expect(contents.records <= full.records && contents.records >= previous)
            #expect(contents.malformed == 0)
            #expect(damage.badChecksums == 0 && damage.damagedBlocks == 0)
            previous = contents.records
        }
        #expect(previous > full.records - 20)
    }

    @Test func aBadChecksumSkipsOnlyThatRecord() throws {
        var bytes = try Self.bytes("custom-loop/" + Self.runFile("custom-loop"))
        let (full, _) = try Self.decode(bytes)
        // The second physical record starts after the header and the first record.
        let first = Int(bytes[11]) | Int(bytes[12]) << 8
        let second = 7 + 7 + first
        bytes[second + 7] ^= 0xFF
        let (contents, damage) = try Self.decode(bytes)
        #expect(damage.badChecksums == 1 && damage.firstBadChecksumOffset == second)
        #expect(contents.records == full.records - 1)
    }

    @Test func aDamagedLengthSkipsTheRestOfItsBlockOnly() throws {
        var bytes = try Self.bytes("custom-loop/" + Self.runFile("custom-loop"))
        let (full, _) = try Self.decode(bytes)
        bytes[7 + 4] = 0xFF
        bytes[7 + 5] = 0xFF
        let (contents, damage) = try Self.decode(bytes)
        #expect(damage.damagedBlocks == 1 && damage.firstDamagedBlockOffset == 7)
        #expect(contents.records > 0 && contents.records < full.records)
    }

    @Test func aMalformedHistoryRecordsValuesDoNotJoinTheNextRow() {
        // Record { history = 2 { item = 1 { key = 1; value_json = 16 } } }, written by hand.
        func item(_ key: String, _ json: String) -> [UInt8] {
            [0x0A, UInt8(key.utf8.count)] + Array(key.utf8) + [0x82, 0x01, UInt8(json.utf8.count)] + Array(json.utf8)
        }
        func record(_ history: [UInt8]) -> [UInt8] { [0x12, UInt8(history.count)] + history }
        let row: (String) -> [UInt8] = { value in let i = item("loss", value); return [0x0A, UInt8(i.count)] + i }
        // The second field of the bad row claims 5 bytes where 1 is left.
        let records = [record(row("1")), record(row("99") + [0x0A, 0x05, 0x00]), record(row("3"))]
        var decoder = WandbRecordDecoder()
        for bytes in records { bytes.withUnsafeBufferPointer { decoder.record($0) } }
        decoder.finish()
        let contents = decoder.contents
        #expect(contents.malformed == 1)
        #expect(contents.rowSteps.count == 2)
        #expect(contents.columns.map(\.key) == ["loss"])
        #expect(contents.columns.first?.values == [1, 3])
        #expect(contents.columns.first?.rows == [0, 1])
    }

    @Test func columnsKeepTheRowOfEachValueWhenTheySkipRowsOrRepeatInOne() {
        func item(_ key: String, _ json: String) -> [UInt8] {
            let i = [0x0A, UInt8(key.utf8.count)] + Array(key.utf8) + [0x82, 0x01, UInt8(json.utf8.count)] + Array(json.utf8)
            return [0x0A, UInt8(i.count)] + i
        }
        func record(_ history: [UInt8]) -> [UInt8] { [0x12, UInt8(history.count)] + history }
        // 600 rows (past the row where room is reserved from the file size): `loss` in every row,
        // `late` from row 300 on, `odd` in odd rows, `twice` twice in row 400.
        var decoder = WandbRecordDecoder()
        decoder.expect(fileBytes: 20_000)
        for r in 0..<600 {
            var h = item("loss", "\(r)")
            if r >= 300 { h += item("late", "\(r)") }
            if r % 2 == 1 { h += item("odd", "\(r)") }
            if r == 400 { h += item("twice", "1") + item("twice", "2") }
            record(h).withUnsafeBufferPointer { decoder.record($0) }
        }
        decoder.finish()
        let columns = Dictionary(uniqueKeysWithValues: decoder.contents.columns.map { ($0.key, $0) })
        #expect(decoder.contents.rowSteps == [Int](repeating: -1, count: 600))
        #expect(columns["loss"]?.rows == Array(0..<600) && columns["loss"]?.values == (0..<600).map(Double.init))
        #expect(columns["loss"]?.isDense == true && columns["late"]?.isDense == true)
        #expect(columns["late"]?.rows == Array(300..<600) && columns["late"]?.values == (300..<600).map(Double.init))
        #expect(columns["odd"]?.isDense == false)
        #expect(columns["odd"]?.rows == Array(stride(from: 1, to: 600, by: 2)))
        #expect(columns["odd"]?.values == stride(from: 1, to: 600, by: 2).map(Double.init))
        #expect(columns["twice"]?.rows == [400, 400] && columns["twice"]?.values == [1, 2])
    }

    @Test func roomReservedFromTheFileSizeStaysWithinTheLimit() {
        // Tiny rows in a file that claims a terabyte: the rate would reserve billions of values.
        var decoder = WandbRecordDecoder()
        decoder.expect(fileBytes: 1 << 40)
        let item: [UInt8] = [0x0A, 0x07, 0x0A, 0x01, UInt8(ascii: "x"), 0x82, 0x01, 0x01, UInt8(ascii: "1")]
        let record: [UInt8] = [0x12, UInt8(item.count)] + item
        for _ in 0..<300 { record.withUnsafeBufferPointer { decoder.record($0) } }
        let c = decoder.contents
        let reserved = c.rowSteps.capacity + c.rowTimes.capacity + c.columns.reduce(0) { $0 + $1.values.capacity }
        #expect(c.columns.first?.values.count == 300)
        #expect(reserved > 300 * 3 && reserved <= WandbRecordDecoder.reserveLimit + 1024, "\(reserved)")
    }

    @Test func gpuSystemMetricsBecomeSeriesOnTheStepAxis() throws {
        let run = try RunLoader.load(Self.fixtures + "/gpu-stats/wandb")
        let gpu = try #require(run.series(.gpuUtilization))
        #expect(gpu.name == "system/gpu_utilization" && gpu.key == "gpu.process.*.gpu (mean)")
        #expect(gpu.count == 40 && gpu.steps.first == 10 && gpu.steps.last == 400 && gpu.hasWallTime)
        let zero = try #require(run.series(named: "system/gpu.0.gpu"))
        let one = try #require(run.series(named: "system/gpu.1.gpu"))
        for i in 0..<gpu.count { #expect(abs(gpu.values[i] - (zero.values[i] + one.values[i]) / 2) < 1e-9) }
        #expect(zero.role == .other)
        #expect(run.series(named: "system/gpu.0.powerWatts") != nil && run.series(named: "system/gpu.1.memoryAllocated") != nil)
        #expect(run.series(named: "system/cpu") != nil)
        #expect(run.series(named: "system/network.sent") == nil)
        #expect(!run.series.contains { $0.name.contains("process") })
        #expect(run.metadata.extra.contains { $0.key == "system.gpu_memory_allocated_peak_percent" && $0.value == "97" })
        #expect(run.metadata.extra.contains { $0.key == "system.gpu_type" && $0.value == "NVIDIA A100-SXM4-80GB" })
        #expect(run.metadata.logEvents.contains { $0.kind == .outOfMemory })
        #expect(!run.warnings.contains { $0.kind == .warning })
    }

    @Test func theStepOfASampleIsInterpolatedFromTheHistoryWallTimes() {
        let timeline = WandbSystemMetrics.Timeline(times: [100, 110, 130], steps: [10, 20, 40])
        #expect(timeline.step(at: 50) == 10)
        #expect(timeline.step(at: 105) == 15)
        #expect(timeline.step(at: 120) == 30)
        #expect(timeline.step(at: 500) == 40)
        #expect(WandbSystemMetrics.gpuKey("gpu.3.memoryAllocated")! == (3, "memoryAllocated", false))
        #expect(WandbSystemMetrics.gpuKey("gpu.process.1.gpu")! == (1, "gpu", true))
        #expect(WandbSystemMetrics.gpuKey("gpu.x.gpu") == nil && WandbSystemMetrics.gpuKey("cpu") == nil)
    }

    @Test func sniffNeedsTheHeader() throws {
        let format = WandbFormat()
        #expect(format.sniff(fileName: "run-x.wandb", prefix: Array(":W&B".utf8) + [0xE1, 0xBE, 0]).strength == .strong)
        #expect(format.sniff(fileName: "run-x.wandb", prefix: Array("hello world".utf8)).strength == .no)
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("notes.txt", "loss: 2.0\n")
        #expect(throws: IngestError.self) { try RunLoader.load(path, format: "wandb") }
        do { _ = try RunLoader.load(path, format: "wandb") } catch let error as IngestError {
            #expect(error.description.contains("expected the header ':W&B'") && error.byteOffset == 0)
        }
    }

    static func runFile(_ fixture: String) throws -> String {
        let folder = fixtures + "/" + fixture + "/wandb"
        let run = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("offline-run-") })
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder + "/" + run).first { $0.hasSuffix(".wandb") })
        return "wandb/\(run)/\(file)"
    }
}
