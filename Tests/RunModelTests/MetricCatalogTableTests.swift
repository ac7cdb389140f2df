import Testing
@testable import RunModel

/// The metric table, name by name, as each producer logs it (README "Metric names").
@Suite struct MetricCatalogTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var key: String
        var name: String
        var role: MetricRole
        var split: MetricSplit
        var better: MetricDirection
        var unit: String?
        var testDescription: String { key }
        init(_ key: String, _ name: String, _ role: MetricRole, _ split: MetricSplit, _ better: MetricDirection, _ unit: String? = nil) {
            self.key = key; self.name = name; self.role = role; self.split = split; self.better = better; self.unit = unit
        }
    }

    static let rows: [Row] = [
        // Hugging Face Trainer
        Row("loss", "train/loss", .trainLoss, .train, .lower),
        Row("eval_loss", "eval/loss", .evalLoss, .eval, .lower),
        Row("eval_accuracy", "eval/accuracy", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("eval_f1", "eval/f1", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("eval_matthews_correlation", "eval/matthews_correlation", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("eval_wer", "eval/wer", .evalMetric(higherIsBetter: false), .eval, .lower),
        Row("eval_rougeLsum", "eval/rougeLsum", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("eval_runtime", "eval/runtime", .other, .eval, .unknown, "s"),
        Row("learning_rate", "train/learning_rate", .learningRate, .train, .unknown),
        Row("grad_norm", "train/grad_norm", .gradNorm, .train, .unknown),
        Row("num_input_tokens_seen", "train/num_input_tokens_seen", .tokensSeen, .train, .unknown, "tokens"),
        Row("train_samples_per_second", "train/samples_per_second", .samplesPerSecond, .train, .higher, "samples/s"),
        Row("eval/loss", "eval/loss", .evalLoss, .eval, .lower),
        // TRL: DPO family
        Row("rewards/accuracies", "rewards/accuracies", .other, .train, .higher),
        Row("rewards/margins", "rewards/margins", .other, .train, .higher),
        Row("rewards/chosen", "rewards/chosen", .other, .train, .unknown),
        Row("logps/chosen", "logps/chosen", .other, .train, .unknown),
        Row("eval_rewards/accuracies", "eval/rewards/accuracies", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("mean_token_accuracy", "train/mean_token_accuracy", .other, .train, .higher),
        // TRL: GRPO / RLOO / PPO
        Row("reward", "train/reward", .reward, .train, .higher),
        Row("reward_std", "train/reward_std", .other, .train, .unknown),
        Row("frac_reward_zero_std", "train/frac_reward_zero_std", .other, .train, .lower),
        Row("kl", "train/kl", .other, .train, .unknown),
        Row("entropy", "train/entropy", .other, .train, .unknown),
        Row("completions/mean_length", "completions/mean_length", .other, .train, .unknown, "tokens"),
        Row("completions/clipped_ratio", "completions/clipped_ratio", .other, .train, .lower),
        Row("rewards/format_reward_fn/mean", "rewards/format_reward_fn/mean", .other, .train, .higher),
        Row("rewards/format_reward_fn/std", "rewards/format_reward_fn/std", .other, .train, .unknown),
        Row("objective/rlhf_reward", "objective/rlhf_reward", .reward, .train, .higher),
        Row("objective/kl", "objective/kl", .other, .train, .unknown),
        Row("num_tokens", "train/num_input_tokens_seen", .tokensSeen, .train, .unknown, "tokens"),
        // PyTorch Lightning
        Row("lr-AdamW", "train/learning_rate", .learningRate, .train, .unknown),
        Row("lr-AdamW-1", "train/learning_rate/1", .learningRate, .train, .unknown),
        Row("lr-Adam/pg1", "train/learning_rate", .learningRate, .train, .unknown),
        Row("lr-Adam/pg2", "train/learning_rate/pg2", .learningRate, .train, .unknown),
        Row("lr-SGD/backbone", "train/learning_rate/backbone", .learningRate, .train, .unknown),
        Row("train_loss_step", "train/loss", .trainLoss, .train, .lower),
        Row("train_loss_epoch", "train/loss_epoch", .trainLoss, .train, .lower),
        Row("train_perplexity_step", "train/perplexity", .other, .train, .lower),
        Row("val_loss", "eval/loss", .evalLoss, .eval, .lower),
        Row("val_acc", "eval/acc", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("val_perplexity", "eval/perplexity", .evalMetric(higherIsBetter: false), .eval, .lower),
        Row("test_loss", "test/loss", .testLoss, .test, .lower),
        Row("test_acc", "test/acc", .testMetric(higherIsBetter: true), .test, .higher),
        Row("test/f1", "test/f1", .testMetric(higherIsBetter: true), .test, .higher),
        Row("epoch_time", "train/epoch_time", .other, .none, .unknown, "s"),
        Row("hp_metric", "train/hp_metric", .other, .train, .unknown),
        // Keras
        Row("epoch_loss", "train/loss_epoch", .trainLoss, .train, .lower),
        Row("epoch_accuracy", "train/accuracy", .other, .train, .higher),
        Row("epoch_learning_rate", "train/learning_rate", .learningRate, .train, .unknown),
        Row("evaluation_loss_vs_iterations", "eval/loss", .evalLoss, .eval, .lower),
        Row("val_pred_age_acc", "eval/pred_age_acc", .evalMetric(higherIsBetter: true), .eval, .higher),
        // detectron2
        Row("total_loss", "train/loss", .trainLoss, .train, .lower),
        Row("loss_box_reg", "train/loss_box_reg", .other, .train, .lower),
        Row("fast_rcnn/cls_accuracy", "fast_rcnn/cls_accuracy", .other, .train, .higher),
        Row("bbox/AP", "eval/bbox/AP", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("bbox/AP50", "eval/bbox/AP50", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("bbox/APs", "eval/bbox/APs", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("bbox/AP-person", "eval/bbox/AP-person", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("segm/AP", "eval/segm/AP", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("data_time", "train/data_time", .other, .none, .unknown, "s"),
        Row("time", "train/time", .other, .none, .unknown, "s"),
        // mmdetection
        Row("coco/bbox_mAP", "eval/coco/bbox_mAP", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("coco/bbox_mAP_50", "eval/coco/bbox_mAP_50", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("pascal_voc/mAP", "eval/pascal_voc/mAP", .evalMetric(higherIsBetter: true), .eval, .higher),
        // Ultralytics / YOLOv5
        Row("metrics/mAP50(B)", "eval/metrics/mAP50(B)", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("metrics/mAP50-95(B)", "eval/metrics/mAP50-95(B)", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("metrics/precision(B)", "eval/metrics/precision(B)", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("train/box_loss", "train/box_loss", .other, .train, .lower),
        Row("val/box_loss", "eval/box_loss", .evalMetric(higherIsBetter: false), .eval, .lower),
        Row("lr/pg0", "train/learning_rate", .learningRate, .train, .unknown),
        Row("lr/pg1", "train/learning_rate/pg1", .learningRate, .train, .unknown),
        Row("x/lr0", "train/learning_rate", .learningRate, .train, .unknown),
        // timm summary.csv
        Row("eval_top1", "eval/top1", .evalMetric(higherIsBetter: true), .eval, .higher),
        Row("eval_top5", "eval/top5", .evalMetric(higherIsBetter: true), .eval, .higher),
        // fairseq
        Row("train_inner/loss", "train/loss", .trainLoss, .train, .lower),
        Row("train_gnorm", "train/grad_norm", .gradNorm, .train, .unknown),
        Row("train_wps", "train/tokens_per_second", .tokensPerSecond, .train, .higher, "tokens/s"),
        Row("train_ups", "train/steps_per_second", .stepsPerSecond, .train, .higher, "steps/s"),
        Row("valid_loss", "eval/loss", .evalLoss, .eval, .lower),
        Row("valid_ppl", "eval/ppl", .evalMetric(higherIsBetter: false), .eval, .lower),
        Row("valid/bleu", "eval/bleu", .evalMetric(higherIsBetter: true), .eval, .higher),
        // NeMo
        Row("reduced_train_loss", "train/loss", .trainLoss, .train, .lower),
        Row("val_wer", "eval/wer", .evalMetric(higherIsBetter: false), .eval, .lower),
        Row("train_step_timing", "train/step_timing", .other, .none, .unknown, "s"),
        // Megatron-LM
        Row("lm loss", "train/loss", .trainLoss, .train, .lower),
        Row("learning-rate", "train/learning_rate", .learningRate, .train, .unknown),
        Row("grad-norm", "train/grad_norm", .gradNorm, .train, .unknown),
        Row("lm loss validation", "eval/loss", .evalLoss, .eval, .lower),
        Row("lm loss validation ppl", "eval/perplexity", .evalMetric(higherIsBetter: false), .eval, .lower),
        // torchtune
        Row("tokens_per_second_per_gpu", "train/tokens_per_second", .tokensPerSecond, .train, .higher, "tokens/s"),
        Row("peak_memory_active", "train/peak_memory_active", .other, .train, .unknown, "GiB"),
        // W&B system metrics
        Row("system/gpu.0.gpu", "system/gpu.0.gpu", .gpuUtilization, .none, .higher, "%"),
        Row("system.gpu.1.gpu", "system/gpu.1.gpu", .gpuUtilization, .none, .higher, "%"),
        Row("system/gpu.process.0.gpu", "system/gpu.0.gpu", .gpuUtilization, .none, .higher, "%"),
        Row("system/gpu.0.memoryAllocated", "system/gpu.0.memoryAllocated", .other, .none, .unknown, "%"),
        Row("system/gpu.0.temp", "system/gpu.0.temp", .other, .none, .unknown, "°C"),
        Row("gpu_util", "system/gpu_utilization", .gpuUtilization, .none, .higher, "%"),
        // Stable-Baselines3 / classic RL
        Row("rollout/ep_rew_mean", "rollout/ep_rew_mean", .reward, .train, .higher),
        Row("episodic_reward", "train/episodic_reward", .reward, .train, .higher),
    ]

    @Test(arguments: rows)
    func everyKeyHasItsMeaning(row: Row) {
        let canonical = MetricCatalog.canonical(row.key)
        #expect(canonical.name == row.name)
        #expect(canonical.role == row.role)
        let meaning = MetricCatalog.meaning(ofCanonical: canonical.name)
        #expect(meaning.split == row.split)
        #expect(meaning.better == row.better)
        #expect(meaning.unit == row.unit)
    }

    @Test func unknownNamesStayUnknown() {
        #expect(MetricCatalog.higherIsBetter("foo_bar") == nil)
        #expect(MetricCatalog.meaning(ofKey: "eval_custom_thing").better == .unknown)
        #expect(MetricCatalog.meaning(ofKey: "eval_custom_thing").role == .evalMetric(higherIsBetter: nil))
    }
}
