/// The one-word answer a report leads with.
public enum Verdict: String, Sendable, Equatable, CaseIterable {
    /// No warnings or errors: nothing found that needs a person's attention.
    case healthy
    /// At least one warning: the run finished, but something should be looked at or changed.
    case attention
    /// At least one error: the run or its model is unusable (diverged, crashed).
    case failed
}
