import Testing
@testable import RunModel

@Suite struct MetricCatalogTests {
    @Test(arguments: [
        ("loss", "train/loss"), ("train_loss", "train/loss"), ("train/loss", "train/loss"), ("total_loss", "train/loss"),
        ("eval_loss", "eval/loss"), ("val_loss", "eval/loss"), ("validation/loss", "eval/loss"),
        ("lr", "train/learning_rate"), ("learning_rate", "train/learning_rate"), ("train_learning_rate", "train/learning_rate"),
        ("grad_norm", "train/grad_norm"), ("gradient_norm", "train/grad_norm"),
        ("eval_accuracy", "eval/accuracy"), ("eval_rewards/margins", "eval/rewards/margins"),
        ("rewards/chosen", "rewards/chosen"), ("kl", "train/kl"),
    ])
    func aliasesLandOnCanonicalNames(key: String, name: String) {
        #expect(MetricCatalog.canonical(key).name == name)
    }

    @Test func rolesComeFromCanonicalNames() {
        #expect(MetricCatalog.canonical("val_loss").role == .evalLoss)
        #expect(MetricCatalog.canonical("lr").role == .learningRate)
        #expect(MetricCatalog.canonical("eval_wer").role == .evalMetric(higherIsBetter: false))
        #expect(MetricCatalog.canonical("eval_f1").role == .evalMetric(higherIsBetter: true))
        #expect(MetricCatalog.canonical("eval_runtime").role == .other)
    }
}
