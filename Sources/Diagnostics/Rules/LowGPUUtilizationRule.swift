import RunModel

/// `low-gpu-utilization`: the logged GPU utilisation is mostly below `min_utilization` percent
/// (values between 0 and 1 are read as fractions). Needs at least `min_points` points. A warning:
/// the run paid for a GPU it kept waiting.
///
/// Thresholds: `min_utilization` (80 percent), `min_points` (5).
struct LowGPUUtilizationRule: Rule {
    let id = "low-gpu-utilization"
    let summary = "GPU utilisation below 80% for most of the run (when the logs carry it)."

    static let minUtilization = Threshold("min_utilization", 80, "median GPU utilisation (percent) below which the GPU is underused")
    static let minPoints = Threshold("min_points", 5, "utilisation points needed")
    var thresholds: [Threshold] { [Self.minUtilization, Self.minPoints] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard let series = run.series(.gpuUtilization) else { return [] }
        let points = FinitePoints(series)
        guard points.count >= max(1, context.count(Self.minPoints)), let first = points.steps.first, let last = points.steps.last else { return [] }
        let scale = GPUUtilization.percentScale(points.values)
        let percent = points.values.map { $0 * scale }
        let median = Stats.median(percent)
        let limit = context[Self.minUtilization]
        guard median < limit else { return [] }
        let below = Double(percent.filter { $0 < limit }.count) / Double(percent.count)
        return [Finding(
            id: id, severity: .warning,
            title: "GPU utilisation median \(Format.number(median))%, below \(Format.number(limit))%",
            message: "The GPU was busy a median \(Format.number(median))% of the time; \(Format.percent(below)) of the logged points are below \(Format.number(limit))%.",
            steps: first...last, metric: series.name,
            evidence: [Evidence("median_percent", .number(median)), Evidence("share_below", .number(below))],
            why: "An idle GPU means the run is waiting on something else (data loading, CPU preprocessing, small batches, communication) and costs more than it needs to.",
            fixes: [
                "Raise per_device_train_batch_size (lower gradient_accumulation_steps to keep the effective batch).",
                "Feed the GPU faster: dataloader_num_workers=4 or more, dataloader_pin_memory=True, tokenise ahead of time.",
                "Pack short sequences (packing=True in TRL) or group_by_length=True to avoid padding waste.",
            ])]
    }
}
