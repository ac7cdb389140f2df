import RunModel
import Testing
@testable import Reports

/// The Markdown report's "Training hyperparameters" list reads like HF's auto-generated model card
/// (transformers `modelcard.py`, `extract_hyperparameters_from_trainer`).
@Suite struct ModelCardSectionTests {
    static func run(_ configure: (inout RunMetadata) -> Void) -> Run {
        var builder = RunBuilder(name: "card", format: "mlflow", sourcePath: "mlruns/0/abc/meta.yaml")
        for step in 1...5 { builder.add(key: "loss", step: step, value: 2 - Double(step) / 10) }
        configure(&builder.metadata)
        return builder.build()
    }

    /// What HF's MLflowCallback logs as params: every TrainingArguments field, as text.
    static let mlflowParams: [(String, String)] = [
        ("learning_rate", "5e-05"), ("per_device_train_batch_size", "8"), ("per_device_eval_batch_size", "16"),
        ("seed", "42"), ("gradient_accumulation_steps", "4"), ("optim", "adamw_torch"), ("adam_beta1", "0.9"),
        ("adam_beta2", "0.999"), ("adam_epsilon", "1e-08"), ("optim_args", "None"), ("lr_scheduler_type", "linear"),
        ("warmup_ratio", "0.1"), ("warmup_steps", "0"), ("max_steps", "-1"), ("num_train_epochs", "3.0"),
        ("fp16", "True"), ("bf16", "False"), ("label_smoothing_factor", "0.0"), ("logging_steps", "50"),
        ("report_to", "['mlflow']"),
    ]

    @Test func argumentsGiveHFsListInHFsOrderAndWording() {
        let run = Self.run { m in
            for (key, value) in Self.mlflowParams { m.setExtra("params." + key, value) }
            m.trainBatchSize = 8
            m.numTrainEpochs = 3
        }
        let card = ModelCardSection(run: run)
        #expect(card.hyperparameters.map { "\($0.label): \($0.value)" } == [
            "learning_rate: 5e-05",
            "train_batch_size: 8",
            "eval_batch_size: 16",
            "seed: 42",
            "gradient_accumulation_steps: 4",
            "total_train_batch_size: 32",
            "optimizer: Use adamw_torch with betas=(0.9,0.999) and epsilon=1e-08 and optimizer_args=No additional optimizer arguments",
            "lr_scheduler_type: linear",
            "lr_scheduler_warmup_ratio: 0.1",
            "num_epochs: 3",
            "mixed_precision_training: Native AMP",
        ])
        let others = card.otherSettings.map(\.label)
        #expect(others.contains("params.logging_steps"))
        #expect(others.contains("params.report_to"))
        #expect(!others.contains("params.seed"), "a setting in the HF list is not repeated")
        #expect(!others.contains("train_batch_size"))
    }

    @Test func anExplicitMaxStepsIsTrainingStepsAsInHFsCard() {
        let run = Self.run { m in
            m.setExtra("params.max_steps", "5000")
            m.setExtra("params.warmup_steps", "500")
            m.setExtra("params.lr_scheduler_type", "SchedulerType.LINEAR")
            m.numTrainEpochs = 14
        }
        let card = ModelCardSection(run: run).hyperparameters.map { "\($0.label): \($0.value)" }
        #expect(card.contains("training_steps: 5000"))
        #expect(!card.contains { $0.hasPrefix("num_epochs") })
        #expect(card.contains("lr_scheduler_warmup_steps: 500"))
        #expect(card.contains("lr_scheduler_type: linear"), "an enum's repr is written as its value")
    }

    /// The text log's banner states the per-device and total batch sizes and the accumulation;
    /// the number of devices follows from them.
    @Test func theBannersTotalBatchSizeGivesTheDevices() {
        let run = Self.run { m in
            m.setExtra("per_device_train_batch_size", "4")
            m.setExtra("gradient_accumulation_steps", "8")
            m.setExtra("total_train_batch_size", "64")
        }
        let card = ModelCardSection(run: run).hyperparameters.map { "\($0.label): \($0.value)" }
        #expect(card == ["train_batch_size: 4", "num_devices: 2", "gradient_accumulation_steps: 8", "total_train_batch_size: 64"])
    }

    @Test func modelFactsHaveTheirOwnListAndALoggedPeakSaysWhatItIs() {
        var builder = RunBuilder(name: "lm", format: "hf-trainer-state", sourcePath: "out/trainer_state.json")
        for step in 1...10 { builder.add(key: "learning_rate", step: step, value: Double(min(step, 5)) * 1e-5) }
        builder.metadata.modelName = "gpt2"
        builder.metadata.setExtra("model.vocab_size", "50257")
        builder.metadata.setExtra("model.dtype", "float32")
        builder.metadata.trainBatchSize = 8
        let card = ModelCardSection(run: builder.build())
        #expect(card.model.map(\.label) == ["model", "model.vocab_size", "model.dtype"])
        #expect(card.hyperparameters.first.map { "\($0.label): \($0.value)" } == "learning_rate: 5e-5 (peak of the logged schedule)")
        #expect(!card.hyperparameters.contains { $0.label.hasPrefix("model") })
        #expect(!card.otherSettings.contains { $0.label.hasPrefix("model") || $0.label.contains("learning_rate") })
    }

    @Test func theMarkdownSectionReadsLikeAModelCard() {
        let run = Self.run { m in
            for (key, value) in Self.mlflowParams { m.setExtra("params." + key, value) }
            m.modelName = "gpt2"
        }
        let md = MarkdownReportRenderer.modelCardLists(ModelCardSection(run: run)).joined(separator: "\n")
        #expect(md.contains("### Model\n\n- model: gpt2\n"))
        #expect(md.contains("### Training hyperparameters\n\nThe following hyperparameters were used during training:\n- learning_rate: 5e-05\n"))
        #expect(md.contains("<details>\n<summary>Other settings the logs state ("))
    }
}
