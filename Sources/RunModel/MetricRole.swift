/// What a series means, independent of how its producer spelled the key. Code after ingestion asks
/// for a role (`run.series(.trainLoss)`), never for a raw key string.
public enum MetricRole: Hashable, Sendable {
    case trainLoss
    case evalLoss
    /// Loss on a test split (`test_loss`, `test/loss`): held-out evidence, but not for choosing checkpoints.
    case testLoss
    case learningRate
    case gradNorm
    case epoch
    case tokensPerSecond
    case samplesPerSecond
    case stepsPerSecond
    case gpuUtilization
    case tokensSeen
    /// An evaluation (validation) metric other than loss; `higherIsBetter` is nil when the name does not tell.
    case evalMetric(higherIsBetter: Bool?)
    /// A test-split metric other than loss (`test_acc`, `test/f1`).
    case testMetric(higherIsBetter: Bool?)
    /// The mean reward of an RL run (TRL GRPO/RLOO `reward`, PPO `objective/rlhf_reward`, `ep_rew_mean`).
    case reward
    /// Any other training-side value (DPO rewards, KL, entropy, loss components, system metrics...).
    case other
}

/// Which data a metric was measured on.
public enum MetricSplit: String, Sendable, Hashable {
    case train, eval, test
    /// Not a measurement on data: system metrics, epoch counters, timing.
    case none
}

/// Which way a metric is better.
public enum MetricDirection: String, Sendable, Hashable {
    case higher = "up"
    case lower = "down"
    case unknown
}

/// Everything the catalog knows about one canonical metric name.
public struct MetricMeaning: Sendable, Equatable {
    public var role: MetricRole
    public var split: MetricSplit
    public var better: MetricDirection
    /// Unit of the values when the name says it (`%`, `tokens/s`, `s`, `tokens`, `GiB`), else nil.
    public var unit: String?

    public init(role: MetricRole, split: MetricSplit, better: MetricDirection, unit: String?) {
        self.role = role
        self.split = split
        self.better = better
        self.unit = unit
    }
}
