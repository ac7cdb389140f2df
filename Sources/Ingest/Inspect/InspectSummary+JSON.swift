import RunModel

/// `inspect --json`: a contract later tools rely on (documented in the README). Keys are only ever
/// added; `schema_version` changes if one is renamed or removed.
extension InspectSummary {
    public static let schemaVersion = 1

    public func json() -> JSONValue {
        .object([
            ("schema_version", .int(Self.schemaVersion)),
            ("runs", .array(runs.map(Self.json(run:)))),
            ("errors", .array(errors.map { .object([("path", .string($0.path)), ("message", .string($0.message))]) })),
        ])
    }

    static func json(run: Run) -> JSONValue {
        .object([
            ("name", .string(run.name)),
            ("format", .string(run.format)),
            ("sources", .array(run.provenance.sources.map { .string($0.path) })),
            ("source_notes", .array(run.provenance.sources.map { .string($0.note) })),
            ("source_formats", run.sourceFormatsJSON),
            ("log_start", run.logStartJSON),
            ("segments", .int(run.segments)),
            ("restarts", .array(run.provenance.restarts.map(\.json))),
            ("warnings", .array(run.warnings.map { .string($0.description) })),
            ("metadata", run.metadata.json),
            ("log_events", .array(run.metadata.logEvents.map(\.json))),
            ("series", run.seriesJSON),
        ])
    }
}
