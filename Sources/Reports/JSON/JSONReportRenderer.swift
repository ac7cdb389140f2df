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
                ("sources", .array(run.provenance.sources.map(source))),
                ("restarts", .array(run.provenance.restarts.map(restart))),
            ])),
            ("verdict", .string(document.verdict.rawValue)),
            ("verdict_reason", .string(document.verdictReason)),
            ("findings", .array(document.findings.map(finding))),
            ("metrics", .array(document.health.map(healthRow))),
            ("key_facts", .array(document.keyFacts.map(fact))),
            ("series", .array(run.series.map(series))),
            ("metadata", metadata(run.metadata)),
            ("ingest_issues", .array(run.provenance.issues.map(issue))),
            ("log_events", .array(run.metadata.logEvents.map(logEvent))),
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

    static func healthRow(_ row: ReportHealthRow) -> JSONValue {
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

    static func restart(_ r: Restart) -> JSONValue {
        .object([
            ("step", .int(r.step)),
            ("abandoned_through", .int(r.abandonedThrough)),
            ("superseded_points", .int(r.supersededPoints)),
        ])
    }

    static func series(_ s: Series) -> JSONValue {
        let summary = s.summary
        return .object([
            ("name", .string(s.name)),
            ("key", .string(s.key)),
            ("role", .string(roleName(s.role))),
            ("points", .int(summary.count)),
            ("first_step", .int(summary.firstStep)),
            ("last_step", .int(summary.lastStep)),
            ("first", .number(summary.first)),
            ("last", .number(summary.last)),
            ("min", .number(summary.min)),
            ("min_step", .int(summary.minStep)),
            ("max", .number(summary.max)),
            ("max_step", .int(summary.maxStep)),
            ("non_finite", .int(summary.nonFinite)),
        ])
    }

    static func roleName(_ role: MetricRole) -> String {
        switch role {
        case .trainLoss: return "train_loss"
        case .evalLoss: return "eval_loss"
        case .learningRate: return "learning_rate"
        case .gradNorm: return "grad_norm"
        case .epoch: return "epoch"
        case .tokensPerSecond: return "tokens_per_second"
        case .samplesPerSecond: return "samples_per_second"
        case .stepsPerSecond: return "steps_per_second"
        case .gpuUtilization: return "gpu_utilization"
        case .tokensSeen: return "tokens_seen"
        case .evalMetric: return "eval_metric"
        case .other: return "other"
        }
    }

    static func metadata(_ m: RunMetadata) -> JSONValue {
        var members: [(String, JSONValue)] = []
        func add(_ key: String, _ value: JSONValue?) {
            if let value, value != .null { members.append((key, value)) }
        }
        add("model_name", .string(m.modelName))
        add("max_steps", .int(m.maxSteps))
        add("num_train_epochs", .number(m.numTrainEpochs))
        add("train_batch_size", .int(m.trainBatchSize))
        add("logging_steps", .int(m.loggingSteps))
        add("eval_steps", .int(m.evalSteps))
        add("save_steps", .int(m.saveSteps))
        add("global_step", .int(m.globalStep))
        add("epoch", .number(m.epoch))
        add("best_metric", .number(m.bestMetric))
        add("best_model_checkpoint", .string(m.bestModelCheckpoint))
        add("best_global_step", .int(m.bestGlobalStep))
        add("total_flos", .number(m.totalFlos))
        add("num_input_tokens_seen", .number(m.numInputTokensSeen))
        add("train_runtime", .number(m.trainRuntime))
        add("train_samples_per_second", .number(m.trainSamplesPerSecond))
        add("train_steps_per_second", .number(m.trainStepsPerSecond))
        add("train_loss", .number(m.meanTrainLoss))
        add("has_final_summary", .bool(m.hasFinalSummary))
        add("extra", .object(m.extra.map { ($0.key, .string($0.value)) }))
        return .object(members)
    }

    static func issue(_ i: IngestIssue) -> JSONValue {
        .object([
            ("kind", .string(i.kind.rawValue)),
            ("path", .string(i.path)),
            ("line", .int(i.line)),
            ("message", .string(i.message)),
        ])
    }

    static func logEvent(_ e: LogEvent) -> JSONValue {
        .object([
            ("kind", .string(e.kind.rawValue)),
            ("path", .string(e.path)),
            ("line", .int(e.line)),
            ("text", .string(e.text)),
        ])
    }
}
