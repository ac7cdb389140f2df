import Diagnostics
import RunModel

/// Renders `report.json`: the machine-readable report, read version-first (`schema_version`).
/// Keys come in a fixed order and numbers in a fixed format, so the same input gives the same bytes.
public enum JSONReportRenderer {
    /// Bumped when a field is renamed or removed or changes meaning; adding fields keeps the version.
    public static let schemaVersion = 1

    public static func render(_ document: ReportDocument) -> String {
        value(of: document).serialized()
    }

    static func value(of document: ReportDocument) -> JSONValue {
        let run = document.run
        return .object([
            ("schema_version", .int(schemaVersion)),
            ("tool", .object([("name", .string("trainreport")), ("version", .string(document.toolVersion))])),
            ("run", .object([
                ("name", .string(run.name)),
                ("format", .string(run.format)),
                ("kind", .string(run.kindInference.kind.rawValue)),
                ("kind_reason", .string(run.kindInference.reason)),
                ("sources", .array(run.provenance.sources.map(source))),
                ("restarts", .array(run.provenance.restarts.map(\.json))),
                ("source_formats", run.sourceFormatsJSON),
                ("log_start", run.logStartJSON),
            ])),
            ("verdict", .string(document.verdict.rawValue)),
            ("verdict_reason", .string(document.verdictReason)),
            ("root_cause", document.rootCause.map(rootCause) ?? .null),
            ("findings", .array(document.findings.map(finding))),
            ("metrics", .array(document.health.map(healthRow))),
            ("key_facts", .array(document.keyFacts.map(fact))),
            ("best_checkpoint", document.bestCheckpoint.map(bestCheckpoint) ?? .null),
            ("series", run.seriesJSON),
            ("uncharted_series", .array(document.unchartedSeries.map { .string($0) })),
            ("metadata", run.metadata.json),
            ("ingest_issues", .array(run.provenance.issues.map(\.json))),
            ("log_events", .array(run.metadata.logEvents.map(\.json))),
        ])
    }

    static func bestCheckpoint(_ b: BestCheckpoint) -> JSONValue {
        .object([
            ("checkpoint", .string(b.checkpoint)),
            ("metric", .string(b.metric)),
            ("higher_is_better", .bool(b.higherIsBetter)),
            ("step", .int(b.step)),
            ("value", .number(b.value)),
            ("basis", .string(b.basis.rawValue)),
            ("note", .string(b.checkpointNote)),
            ("disagreement", b.disagreement.map(JSONValue.string) ?? .null),
        ])
    }

    static func rootCause(_ r: RootCause) -> JSONValue {
        .object([
            ("outcome", .string(r.outcome.rawValue)),
            ("cause", r.cause.map { .string($0) } ?? .null),
            ("sentence", .string(r.sentence)),
            ("links", .array(r.links.map { .object([("finding", .string($0.finding)), ("text", .string($0.text))]) })),
        ])
    }

    static func finding(_ f: Finding) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(f.id)),
            ("severity", .string(f.severity.rawValue)),
            ("title", .string(f.title)),
            ("message", .string(f.message)),
        ]
        if let steps = f.steps {
            members.append(("steps", .object([("first", .int(steps.lowerBound)), ("last", .int(steps.upperBound))])))
        }
        if let metric = f.metric { members.append(("metric", .string(metric))) }
        members.append(("evidence", .object(f.evidence.map { ($0.name, evidenceValue($0.value)) })))
        members.append(("why", .string(f.why)))
        members.append(("fixes", .array(f.fixes.map { .string($0) })))
        return .object(members)
    }

    static func evidenceValue(_ value: Evidence.Value) -> JSONValue {
        switch value {
        case .number(let d): return .number(d)
        case .integer(let i): return .int(i)
        case .text(let t): return .string(t)
        }
    }

    static func healthRow(_ row: HealthRow) -> JSONValue {
        .object([
            ("metric", .string(row.metric)),
            ("measures", .string(row.measures)),
            ("healthy_range", .string(row.healthyRange)),
            ("observed", .string(row.observed)),
            ("status", .string(row.status.rawValue)),
        ])
    }

    static func fact(_ fact: ReportFact) -> JSONValue {
        .object([("label", .string(fact.label)), ("value", .string(fact.value))])
    }

    static func source(_ file: SourceFile) -> JSONValue {
        var members: [(String, JSONValue)] = [("path", .string(file.path)), ("format", .string(file.format))]
        if let note = file.note { members.append(("note", .string(note))) }
        return .object(members)
    }
}
