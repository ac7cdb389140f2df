import RunModel

extension AuditRow {
    var json: JSONValue {
        .object([
            ("name", .string(name)),
            ("path", .string(path)),
            ("date", .string(date)),
            ("format", .string(format)),
            ("steps", .int(steps)),
            ("final_train_loss", .number(finalTrainLoss)),
            ("best_eval_loss", .number(bestEvalLoss)),
            ("best_eval_step", .int(bestEvalStep)),
            ("verdict", .string(verdict)),
            ("verdict_reason", .string(verdictReason)),
            ("findings", .object([("error", .int(errors)), ("warning", .int(warnings)), ("info", .int(infos))])),
            ("finding_ids", .array(findingIds.map { .string($0) })),
            ("report", .string(reportDir.map { $0 + "/" })),
            ("error", .string(error)),
            ("started", .string(started)),
            ("summary", .string(summary)),
            ("info_ids", .array(infoIds.map { .string($0) })),
        ])
    }
}
