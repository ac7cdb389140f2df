import RunModel

/// Renders `compare.json`, read version-first (`schema_version`). Keys come in a fixed order and
/// numbers in a fixed format, so the same input gives the same bytes.
public enum CompareJSONRenderer {
    /// Bumped when a field is renamed or removed or changes meaning; adding fields keeps the version.
    public static let schemaVersion = 1

    public static func render(_ comparison: Comparison) -> String {
        value(of: comparison).serialized()
    }

    static func value(of c: Comparison) -> JSONValue {
        let names = c.runs.map(\.name)
        return .object([
            ("schema_version", .int(schemaVersion)),
            ("tool", .object([("name", .string("trainreport")), ("version", .string(c.toolVersion))])),
            ("runs", .array(c.runs.map { run in
                .object([("name", .string(run.name)), ("format", .string(run.format)), ("sources", .array(run.sources.map { .string($0) }))])
            })),
            ("unreadable", .array(c.unreadable.map { .object([("path", .string($0.path)), ("message", .string($0.message))]) })),
            ("x_axis", .object([("requested", .string(c.requestedXAxis.label)), ("used", .string(c.xAxis.label)),
                                ("note", .string(c.xAxisNote))])),
            ("shared_metrics", .array(c.sharedMetrics.map { .string($0) })),
            ("hyperparameters", .object([
                ("differing", .array(c.hyperparameters.differing.map { row in
                    .object([("key", .string(row.key)), ("values", .array(row.values.map { .string($0) }))])
                })),
                ("shared", .array(c.hyperparameters.shared.map { .object([("key", .string($0.label)), ("value", .string($0.value))]) })),
            ])),
            ("outcomes", .array(c.runs.map(outcome))),
            ("winner", winner(c.winner, names: names)),
        ])
    }

    static func outcome(_ run: ComparedRun) -> JSONValue {
        .object([
            ("run", .string(run.name)),
            ("verdict", .string(run.verdict.rawValue)),
            ("verdict_reason", .string(run.verdictReason)),
            ("best_eval_loss", stepValue(run.bestEvalLoss)),
            ("final_eval_loss", stepValue(run.finalEvalLoss)),
            ("final_train_loss", stepValue(run.finalTrainLoss)),
            ("eval_metrics", .array(run.evalMetrics.map { metric in
                .object([("name", .string(metric.name)), ("higher_is_better", metric.higherIsBetter.map { .bool($0) } ?? .null),
                         ("best", stepValue(metric.best)), ("final", stepValue(metric.final))])
            })),
            ("findings", .object([
                ("error", .int(run.errorCount)), ("warning", .int(run.warningCount)), ("info", .int(run.infoCount)),
                ("ids", .array(run.findingIDs.map { .string($0) })),
            ])),
        ])
    }

    static func winner(_ w: ComparisonWinner, names: [String]) -> JSONValue {
        let runnerUp = w.winner == nil ? nil : w.ranking.dropFirst().first.map { names[$0.run] }
        let margin: JSONValue = w.margin.map { .object([("absolute", .number($0)), ("relative", .number(w.relativeMargin))]) } ?? .null
        return .object([
            ("sentence", .string(w.sentence)),
            ("basis", .string(w.basis.rawValue)),
            ("metric", .string(w.metric)),
            ("higher_is_better", .bool(w.higherIsBetter)),
            ("comparable", .bool(w.comparable)),
            ("winner", .string(w.winner.map { names[$0] })),
            ("runner_up", .string(runnerUp)),
            ("tied", .array(w.tied.map { .string(names[$0]) })),
            ("margin", margin),
            ("ranking", .array(w.ranking.map { .object([("run", .string(names[$0.run])), ("value", .number($0.value.value)),
                                                       ("step", .int($0.value.step))]) })),
            ("caveat", .string(w.caveat)),
        ])
    }

    static func stepValue(_ v: StepValue?) -> JSONValue {
        v.map { .object([("value", .number($0.value)), ("step", .int($0.step))]) } ?? .null
    }
}
