/// What a series means, independent of how its producer spelled the key. Code after ingestion asks
/// for a role (`run.series(.trainLoss)`), never for a raw key string.
public enum MetricRole: Hashable, Sendable {
    case trainLoss
    case evalLoss
    case learningRate
    case gradNorm
    case epoch
    case tokensPerSecond
    case samplesPerSecond
    case stepsPerSecond
    case gpuUtilization
    case tokensSeen
    /// An evaluation metric other than loss; `higherIsBetter` is nil when the name does not tell.
    case evalMetric(higherIsBetter: Bool?)
    /// Any other training-side value (TRL rewards, KL, entropy, runtime...).
    case other
}
