import Charts

extension ReportDocument {
    /// The report chart a finding is marked on, for a finding with a step range but no excerpt of its
    /// own (its range covers most of the run, so an excerpt would repeat that chart): the report
    /// then points to it instead.
    public func chartMarking(findingAt index: Int) -> ReportChart? {
        guard findings.indices.contains(index), findingExcerpts[index] == nil, findings[index].steps != nil,
              let kind = ChartFactory.chartKind(for: findings[index], run: run) else { return nil }
        return chart(kind: ReportChart.kebab(kind.rawValue))
    }
}
