import RunModel

/// The settings of several runs side by side: those that differ (a value per run, nil where a run
/// does not state it) and those every run shares with the same value.
public struct HyperparameterComparison: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var key: String
        /// One value per run, in run order; nil when that run does not state the setting.
        public var values: [String?]

        public init(key: String, values: [String?]) {
            self.key = key
            self.values = values
        }
    }

    /// Settings whose values are not all the same (a setting one run lacks counts as differing),
    /// in the order they first appear.
    public var differing: [Row]
    /// Settings every run states with the same value, in the order they first appear.
    public var shared: [ReportFact]

    /// Compares per-run lists of settings (label and value), keyed by label.
    public init(settings: [[ReportFact]]) {
        var order: [String] = []
        var seen: Set<String> = []
        for facts in settings {
            for fact in facts where seen.insert(fact.label).inserted { order.append(fact.label) }
        }
        let tables = settings.map { facts in
            Dictionary(facts.map { ($0.label, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        differing = []
        shared = []
        for key in order {
            let values = tables.map { $0[key] }
            if let first = values.first, let value = first, values.allSatisfy({ $0 == first }) {
                shared.append(ReportFact(key, value))
            } else {
                differing.append(Row(key: key, values: values))
            }
        }
    }

    /// Compares what the runs' files say: input format, model, then the settings a report lists.
    public init(runs: [Run]) {
        self.init(settings: runs.map(HyperparameterComparison.settings))
    }

    static func settings(of run: Run) -> [ReportFact] {
        var facts = [ReportFact("input format", run.format)]
        if let model = run.metadata.modelName { facts.append(ReportFact("model", model)) }
        return facts + ReportFact.hyperparameters(of: run)
    }
}
