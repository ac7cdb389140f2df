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
            ("segments", .int(run.segments)),
            ("restarts", .array(run.provenance.restarts.map {
                .object([("step", .int($0.step)), ("abandoned_through", .int($0.abandonedThrough)),
                         ("superseded_points", .int($0.supersededPoints))])
            })),
            ("warnings", .array(run.warnings.map { .string($0.description) })),
            ("metadata", metadata(run.metadata)),
            ("series", .array(run.series.map(Self.json(series:)))),
        ])
    }

    static func json(series: Series) -> JSONValue {
        let s = series.summary
        return .object([
            ("name", .string(series.name)),
            ("key", .string(series.key)),
            ("role", .string(roleName(series.role))),
            ("count", .int(s.count)),
            ("first_step", .int(s.firstStep)),
            ("last_step", .int(s.lastStep)),
            ("first", .number(s.first)),
            ("last", .number(s.last)),
            ("min", .number(s.min)),
            ("min_step", .int(s.minStep)),
            ("max", .number(s.max)),
            ("max_step", .int(s.maxStep)),
            ("nonfinite", .int(s.nonFinite)),
        ])
    }

    static func metadata(_ m: RunMetadata) -> JSONValue {
        var members: [(String, JSONValue)] = []
        func add(_ key: String, _ value: JSONValue) { if value != .null { members.append((key, value)) } }
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
        members.append(("has_final_summary", .bool(m.hasFinalSummary)))
        add("model_name", .string(m.modelName))
        if !m.extra.isEmpty { members.append(("extra", .object(m.extra.map { ($0.key, .string($0.value)) }))) }
        if !m.logEvents.isEmpty {
            members.append(("log_events", .array(m.logEvents.map {
                .object([("kind", .string($0.kind.rawValue)), ("path", .string($0.path)), ("line", .int($0.line)), ("text", .string($0.text))])
            })))
        }
        return .object(members)
    }

    /// Stable names for roles in JSON.
    public static func roleName(_ role: MetricRole) -> String {
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
        case .evalMetric(let higher):
            switch higher {
            case true?: return "eval_metric_higher_is_better"
            case false?: return "eval_metric_lower_is_better"
            case nil: return "eval_metric"
            }
        case .other: return "other"
        }
    }
}
