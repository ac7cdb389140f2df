import RunModel

extension ChartOptions.XAxis {
    /// Whether `run` logs what this axis needs (steps always work).
    public func isAvailable(for run: Run) -> Bool {
        XAxisMapper(run: run, mode: self).mode == self
    }

    /// The axis several runs can share: this one when every run logs what it needs, else steps
    /// (one run on epochs and another on steps would put different units on one axis).
    public func shared(by runs: [Run]) -> ChartOptions.XAxis {
        runs.allSatisfy(isAvailable) ? self : .step
    }
}
