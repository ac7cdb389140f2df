/// How an axis writes numbers of 10,000 and up. Counts and rates read best with SI suffixes
/// (`1.2M tokens/s`, `250k` steps); losses, norms and learning rates are not counts, and a reader
/// expects them in scientific form (`4.47e12`), the way frameworks print them. Numbers below 0.001
/// take an exponent either way (`2e-5`).
public enum NumberNotation: String, Sendable {
    case si
    case scientific
}
