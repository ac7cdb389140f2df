/// The story behind a failed or degraded run: what happened, the most likely cause with its numbers,
/// and the findings that are links of the chain. Every link is evidence from the run; without any the
/// cause is unknown and the story says so.
public struct RootCause: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// The loss or gradients became NaN/Inf, or a loss spike never recovered.
        case diverged
        /// The process ran out of GPU memory.
        case outOfMemory = "oom"
        /// Throughput collapsed or the run stalled between logs.
        case stalled
        /// The run ended before its planned end.
        case stopped
        /// The model got worse (eval after its best) or did not learn.
        case degraded
    }

    /// One finding that is part of the story, with what it contributes.
    public struct Link: Sendable, Equatable {
        public var finding: String
        public var text: String

        public init(finding: String, text: String) {
            self.finding = finding
            self.text = text
        }
    }

    public var outcome: Outcome
    /// Short id of the most likely cause (`learning-rate`, `fp16-loss-scale`, `batch-growth`,
    /// `input-pipeline`, `overfitting`...); nil when the evidence names none.
    public var cause: String?
    /// One sentence: what happened, when, and why as far as the run shows ("cause unknown" otherwise).
    public var sentence: String
    public var links: [Link]

    public init(outcome: Outcome, cause: String?, sentence: String, links: [Link]) {
        self.outcome = outcome
        self.cause = cause
        self.sentence = sentence
        self.links = links
    }
}
