import Diagnostics
import RunModel

/// Builds the charts of a run (only the kinds its data allows), comparisons of several runs, and
/// zoomed excerpts for single findings.
public enum ChartFactory {
    public static func charts(for run: Run, findings: [Finding], options: ChartOptions = .init()) -> [Chart] {
        let mapper = XAxisMapper(run: run, mode: options.xAxis)
        return [
            LossChart.make(run: run, findings: findings, options: options, mapper: mapper),
        ].compactMap { $0 }
    }
}
