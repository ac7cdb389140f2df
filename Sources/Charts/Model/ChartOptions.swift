/// Choices the caller makes about every chart of a run.
public struct ChartOptions: Sendable, Equatable {
    /// What the x axis measures.
    public enum XAxis: String, Sendable, CaseIterable {
        case step
        /// Fractional epochs, interpolated from the logged `epoch` values (step when none were logged).
        case epoch
        /// Time since the first logged point (step when the log has no wall times).
        case wallTime
        /// Tokens seen: the logged `train/num_input_tokens_seen`, else throughput integrated over wall
        /// time (step when the log has neither).
        case tokens
    }

    public var xAxis: XAxis
    /// TensorBoard smoothing weight in [0, 1); nil picks one from the number of points.
    public var smoothing: Double?
    /// The gradient clipping threshold drawn on the grad-norm chart (HF's `max_grad_norm`, default 1.0).
    public var maxGradNorm: Double

    public init(xAxis: XAxis = .step, smoothing: Double? = nil, maxGradNorm: Double = 1.0) {
        self.xAxis = xAxis
        self.smoothing = smoothing
        self.maxGradNorm = maxGradNorm
    }
}
