/// The one JSON encoding of run-model values, shared by `inspect --json` and `report.json` so the
/// two contracts spell every field the same way. Keys are only ever added.
extension MetricRole {
    /// Stable role name in JSON, e.g. `train_loss`, `eval_metric_higher_is_better`.
    public var jsonName: String {
        switch self {
        case .trainLoss: return "train_loss"
        case .evalLoss: return "eval_loss"
        case .testLoss: return "test_loss"
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
        case .testMetric(let higher):
            switch higher {
            case true?: return "test_metric_higher_is_better"
            case false?: return "test_metric_lower_is_better"
            case nil: return "test_metric"
            }
        case .reward: return "reward"
        case .other: return "other"
        }
    }
}

extension Series {
    /// `{name, key, role, count, first_step, last_step, first, last, min, min_step, max, max_step, nonfinite,
    /// split, better, unit}`;
    /// `min`/`max` over finite values, non-finite values as the strings `"NaN"`, `"Infinity"`.
    public var summaryJSON: JSONValue {
        let s = summary
        let meaning = MetricCatalog.meaning(ofCanonical: name)
        return .object([
            ("name", .string(name)),
            ("key", .string(key)),
            ("role", .string(role.jsonName)),
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
            ("split", .string(meaning.split.rawValue)),
            ("better", .string(meaning.better.rawValue)),
            ("unit", meaning.unit.map(JSONValue.string) ?? .null),
        ])
    }
}

extension Restart {
    public var json: JSONValue {
        .object([
            ("step", .int(step)),
            ("abandoned_through", .int(abandonedThrough)),
            ("superseded_points", .int(supersededPoints)),
        ])
    }
}

extension IngestIssue {
    public var json: JSONValue {
        .object([("kind", .string(kind.rawValue)), ("path", .string(path)), ("line", .int(line)), ("message", .string(message))])
    }
}

extension LogEvent {
    public var json: JSONValue {
        .object([("kind", .string(kind.rawValue)), ("path", .string(path)), ("line", .int(line)), ("text", .string(text))])
    }
}

extension RunMetadata {
    /// The fields the files gave (absent ones left out), then `has_final_summary` and `extra`.
    /// Log events are written beside it, as the run's `log_events`.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = []
        func add(_ key: String, _ value: JSONValue) { if value != .null { members.append((key, value)) } }
        add("model_name", .string(modelName))
        add("max_steps", .int(maxSteps))
        add("num_train_epochs", .number(numTrainEpochs))
        add("train_batch_size", .int(trainBatchSize))
        add("logging_steps", .int(loggingSteps))
        add("eval_steps", .int(evalSteps))
        add("save_steps", .int(saveSteps))
        add("global_step", .int(globalStep))
        add("epoch", .number(epoch))
        add("best_metric", .number(bestMetric))
        add("best_model_checkpoint", .string(bestModelCheckpoint))
        add("best_global_step", .int(bestGlobalStep))
        add("total_flos", .number(totalFlos))
        add("num_input_tokens_seen", .number(numInputTokensSeen))
        add("train_runtime", .number(trainRuntime))
        add("train_samples_per_second", .number(trainSamplesPerSecond))
        add("train_steps_per_second", .number(trainStepsPerSecond))
        add("train_loss", .number(meanTrainLoss))
        members.append(("has_final_summary", .bool(hasFinalSummary)))
        if !extra.isEmpty { members.append(("extra", .object(extra.map { ($0.key, .string($0.value)) }))) }
        return .object(members)
    }
}

extension LogStart {
    /// `{step, epoch}`; `epoch` is null when the log does not say it.
    public var json: JSONValue {
        .object([("step", .int(step)), ("epoch", .number(epoch))])
    }
}

extension Run {
    /// The series summaries, each with the `source` file it was read from (null when not recorded).
    public var seriesJSON: JSONValue {
        .array(series.map { s in
            guard case .object(var members) = s.summaryJSON else { return s.summaryJSON }
            members.append(("source", .string(provenance.seriesSources[s.name])))
            return .object(members)
        })
    }

    /// The format of each source, in the order of `provenance.sources`.
    public var sourceFormatsJSON: JSONValue {
        .array(provenance.sources.map { .string($0.format) })
    }

    /// Where the log starts when it starts mid-training, else null.
    public var logStartJSON: JSONValue {
        provenance.logStart?.json ?? .null
    }
}
