/// The one list of rules. A rule file that is not listed here fails `RuleRegistryTests`.
public enum RuleRegistry {
    public static let all: [any Rule] = [
        OverfittingRule(),
        LossNonFiniteRule(),
        LossSpikeRule(),
        GradNormExplosionRule(),
        SlowConvergenceRule(),
        UnderfittingRule(),
        LRScheduleRule(),
        RunTruncatedRule(),
        OOMRule(),
        NoEvalRule(),
        NoTrainingCurveRule(),
        ThroughputDropRule(),
        LowGPUUtilizationRule(),
        EpochBoundaryDropsRule(),
        SuspiciousLossRule(),
        ResumedRule(),
        PreferenceNotLearnedRule(),
        PreferenceOveroptimizationRule(),
        RLNoSignalRule(),
        RLKLBlowupRule(),
        RLEntropyCollapseRule(),
        RLLengthHackingRule(),
        RLRewardDeclineRule(),
    ]

    /// The registered rule with `id`, if any.
    public static func rule(id: String) -> (any Rule)? {
        all.first { $0.id == id }
    }
}
