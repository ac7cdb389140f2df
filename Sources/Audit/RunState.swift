import Foundation
import Reports
import RunModel

/// One run's audit state (`DIR/.trainreport-state/runs/<report folder>.json`): what the manifest
/// holds for it, with the tool version and settings it was made with. Kept per run, not per shard,
/// so whichever shard owns the run next (after N changed) reuses it when its files did not change.
struct RunState: Codable, Sendable {
    var toolVersion: String
    var settings: [String]
    var entry: AuditManifest.Entry

    /// The entry recorded for `reportDir`, or nil when there is none or it was made by another tool
    /// version or with other settings.
    static func load(_ reportDir: String, layout: AuditStateLayout, settings: [String]) -> AuditManifest.Entry? {
        guard let data = try? Data(contentsOf: layout.runState(reportDir)),
              let state = try? AuditManifest.decoder().decode(RunState.self, from: data),
              state.toolVersion == TrainReportVersion.current, state.settings == settings
        else { return nil }
        return state.entry
    }

    static func save(_ entry: AuditManifest.Entry, for reportDir: String, layout: AuditStateLayout, settings: [String]) throws {
        let encoder = AuditManifest.encoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(RunState(toolVersion: TrainReportVersion.current, settings: settings, entry: entry))
        try AtomicFile.write(Array(data), to: layout.runState(reportDir).path)
    }
}
