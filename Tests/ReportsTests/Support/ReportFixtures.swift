import Diagnostics
import Foundation
import Reports
import RunModel

/// Small, fully known runs and documents for renderer tests.
enum ReportFixtures {
    static let hostileName = "<script>alert(1)</script>"

    /// 300 steps: training loss falling, eval every 100 steps (loss and accuracy), a warmup-decay LR.
    static func run(name: String = "tiny-gpt2 & friends") -> Run {
        var builder = RunBuilder(name: name, format: "hf-trainer-state", sourcePath: "runs/tiny/trainer_state.json")
        for step in stride(from: 10, through: 300, by: 10) {
            builder.add(key: "loss", step: step, value: 2.5 - Double(step) / 200)
            builder.add(key: "learning_rate", step: step, value: 5e-5 * (1 - Double(step) / 300))
            builder.add(key: "epoch", step: step, value: Double(step) / 100)
            if step % 100 == 0 {
                builder.add(key: "eval_loss", step: step, value: [100: 1.9, 200: 1.7, 300: 1.8][step] ?? 0)
                builder.add(key: "eval_accuracy", step: step, value: [100: 0.61, 200: 0.67, 300: 0.66][step] ?? 0)
            }
        }
        builder.metadata.maxSteps = 300
        builder.metadata.numTrainEpochs = 3
        builder.metadata.modelName = "tiny-gpt2"
        builder.metadata.setExtra("learning_rate", "5e-05")
        builder.issue(.repair, line: 42, "skipped a truncated last line <oops>")
        var run = builder.build()
        run.provenance.sources = [SourceFile(path: "runs/tiny/trainer_state.json", format: "hf-trainer-state")]
        return run
    }

    static let findings = [
        Finding(id: "no-eval", severity: .info, title: "Just a note", message: "Nothing to see."),
        Finding(id: "overfitting", severity: .warning, title: "Eval loss rose 6% after its best at step 200",
                message: "eval/loss fell to 1.7 at step 200, then rose to 1.8 at step 300 while training loss kept falling.",
                steps: 200...300, metric: "eval/loss",
                evidence: [Evidence("best_step", .integer(200)), Evidence("best_value", .number(1.7)), Evidence("rise", .text("6%"))],
                why: "The model is memorising the training set.",
                fixes: ["Use the checkpoint at step 200 (checkpoint-200).", "Set load_best_model_at_end=True with metric_for_best_model=\"eval_loss\"."]),
    ]

    static let health = [
        HealthRow(metric: "Training loss", series: nil, measures: "Fit to the training data", healthyRange: "steadily decreasing",
                        observed: "2.45 → 1", status: .ok),
        HealthRow(metric: "Validation loss", series: nil, measures: "Fit to held-out data", healthyRange: "decreasing then plateauing",
                        observed: "best 1.7 at 200, final 1.8", status: .watch),
        HealthRow(metric: "GPU utilisation", series: nil, measures: "How busy the GPU was", healthyRange: "above 80%",
                        observed: "—", status: .notLogged),
    ]

    static func document(name: String = "tiny-gpt2 & friends") -> ReportDocument {
        ReportDocument(
            run: run(name: name), verdict: .attention, verdictReason: "Eval loss rose after step 200 <while> training loss fell.",
            health: health, findings: findings,
            charts: [
                ReportChart(kind: "loss", title: "Loss", description: "Training and validation loss by step.", artwork: FakeArtwork(label: "loss")),
                ReportChart(kind: "learning-rate", title: "Learning rate", description: "Learning rate by step.", artwork: FakeArtwork(label: "lr")),
            ],
            findingExcerpts: [1: ReportChart(kind: "overfitting", title: "Eval loss after step 200",
                                             description: "Validation loss with steps 200–300 marked.", artwork: FakeArtwork(label: "ex"))])
    }
}
