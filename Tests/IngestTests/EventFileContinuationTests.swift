import Foundation
import RunModel
import Testing
@testable import Ingest

/// Both sides of the rule that decides whether event files in one folder are one training
/// (README, "Event files: one run or several").
@Suite struct EventFileContinuationTests {
    /// An event file of `tags` logged at `steps`, the n-th step at `start + n` seconds.
    static func events(_ tags: [String], steps: [Int], start: Double) -> Data {
        TFEventsWriter.file(steps.enumerated().map { n, step in
            TFEventsWriter.event(step: step, wall: start + Double(n), values: tags.map { TFEventsWriter.simple($0, Float(3.0 - Double(step) / 1000)) })
        })
    }

    static let trainerTags = ["train/loss", "train/learning_rate", "train/epoch"]

    @Test func aResumeOnAnotherHostContinuesTheRunAndIsARestart() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("logs/events.out.tfevents.1700000000.node-a.311.0", Self.events(Self.trainerTags, steps: Array(stride(from: 10, through: 160, by: 10)), start: 1_700_000_000))
        // Relaunched from checkpoint-100 on another machine, with another pid, an hour later.
        try dir.write("logs/events.out.tfevents.1700003600.node-b.97.0", Self.events(Self.trainerTags, steps: Array(stride(from: 110, through: 200, by: 10)), start: 1_700_003_600))
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.count == 1)
        let run = try RunLoader.load(try #require(found.runs.first))
        #expect(run.provenance.restarts.map(\.step) == [110])
        #expect(run.series(.trainLoss)?.steps.last == 200)
    }

    @Test func unrelatedTrainingsInOneFolderAreSeparateRuns() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("mixed/events.out.tfevents.1600000000.lab.1.0", Self.events(["train_loss", "val_loss", "epoch"], steps: Array(0..<50), start: 1_600_000_000))
        try dir.write("mixed/events.out.tfevents.1650000000.lab.2.0", Self.events(["total_loss", "lr"], steps: Array(stride(from: 19, through: 999, by: 20)), start: 1_650_000_000))
        try dir.write("mixed/events.out.tfevents.1700000000.lab.3.0", Self.events(Self.trainerTags, steps: Array(stride(from: 500, through: 5000, by: 500)), start: 1_700_000_000))
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.count == 3)
        #expect(Set(found.runs.map(\.name)).count == 3)
    }

    @Test func aStartOverFromZeroWithOtherTagsIsAnotherRun() {
        let earlier = TFEventsContinuation.Extent(path: "a", tags: ["loss", "lr"], firstStep: 0, lastStep: 300, firstWall: 0, lastWall: 100)
        let sameTags = TFEventsContinuation.Extent(path: "b", tags: ["loss", "lr"], firstStep: 0, lastStep: 300, firstWall: 200, lastWall: 300)
        let otherTags = TFEventsContinuation.Extent(path: "c", tags: ["loss", "accuracy"], firstStep: 0, lastStep: 300, firstWall: 200, lastWall: 300)
        #expect(TFEventsContinuation.continues(earlier, sameTags))
        #expect(!TFEventsContinuation.continues(earlier, otherTags))
    }

    @Test func filesWrittenAtTheSameTimeAreTwoWritersEvenWithTheSameTags() {
        let earlier = TFEventsContinuation.Extent(path: "a", tags: ["loss"], firstStep: 0, lastStep: 300, firstWall: 0, lastWall: 100)
        let overlapping = TFEventsContinuation.Extent(path: "b", tags: ["loss"], firstStep: 150, lastStep: 400, firstWall: 50, lastWall: 150)
        let after = TFEventsContinuation.Extent(path: "b", tags: ["loss"], firstStep: 150, lastStep: 400, firstWall: 100.5, lastWall: 150)
        #expect(!TFEventsContinuation.continues(earlier, overlapping))
        #expect(TFEventsContinuation.continues(earlier, after))
    }

    @Test func disjointTagsNeverContinue() {
        let earlier = TFEventsContinuation.Extent(path: "a", tags: ["loss"], firstStep: 0, lastStep: 300, firstWall: 0, lastWall: 100)
        let later = TFEventsContinuation.Extent(path: "b", tags: ["reward"], firstStep: 300, lastStep: 400, firstWall: 200, lastWall: 300)
        #expect(!TFEventsContinuation.continues(earlier, later))
    }

    @Test func theFileNameGivesCreationTimeAndHostWhateverComesBefore() {
        let name = TFEventsFileName("x/Abdul-AA__lightning_logs__version_0__events.out.tfevents.1716735746.99c8c45923de.3769.0")
        #expect(name.prefix == "Abdul-AA__lightning_logs__version_0")
        #expect(name.time == 1_716_735_746)
        #expect(name.host == "99c8c45923de")
        #expect(TFEventsFileName("events.out.tfevents.1700000000.ip-10-0-0-1.ec2.internal.7.1").host == "ip-10-0-0-1.ec2.internal")
    }
}
