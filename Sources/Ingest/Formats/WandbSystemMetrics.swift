import RunModel

/// W&B's system metrics (the `stats` records it writes every few seconds: `gpu.0.gpu`,
/// `gpu.0.memoryAllocated`, `gpu.0.powerWatts`, `cpu`...) as series on the run's step axis.
///
/// Samples carry wall times, history rows carry wall times and steps: a sample's step is
/// interpolated between the history rows around its time (samples before the first row or after
/// the last take that row's step), and samples landing on one step are averaged. Each kept key is a
/// series `system/<key>` with its wall times. The GPU utilisation of the run is the mean over the
/// GPUs the process used (`gpu.process.N.gpu`, W&B's per-process view) when W&B saw any, else over
/// every GPU (`gpu.N.gpu`); it is `system/gpu_utilization`, the series the health table and
/// `low-gpu-utilization` read. The per-process duplicates themselves are not kept as series.
enum WandbSystemMetrics {
    struct Output {
        var series: [(name: String, key: String, steps: [Int], wallTimes: [Double], values: [Double])] = []
        /// The highest `gpu.N.memoryAllocated` (percent of the GPU's memory), when logged.
        var peakGPUMemoryPercent: Double?
        /// How the samples were placed on the step axis, when not by the history.
        var warning: String?
    }

    /// Per-GPU measures kept as series (W&B's names after `gpu.N.`).
    static let gpuMeasures: Set<String> = ["gpu", "memory", "memoryAllocated", "memoryAllocatedBytes", "powerWatts", "powerPercent", "temp"]
    /// Host measures kept as series.
    static let hostKeys: Set<String> = ["cpu", "memory_percent", "memory", "proc.memory.rssMB", "proc.memory.percent"]

    /// `gpu.3.memoryAllocated` -> (3, "memoryAllocated", process: false); `gpu.process.3.gpu` -> (3, "gpu", true).
    static func gpuKey(_ key: String) -> (index: Int, measure: String, process: Bool)? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "gpu" else { return nil }
        let process = parts[1] == "process"
        let at = process ? 2 : 1
        guard parts.count > at + 1, let index = Int(parts[at]), index >= 0 else { return nil }
        return (index, parts[(at + 1)...].joined(separator: "."), process)
    }

    static func series(keys: [String], samples: [WandbRecordDecoder.StatsSample], timeline: Timeline) -> Output {
        var output = Output()
        guard !samples.isEmpty else { return output }
        let parsed = keys.map(gpuKey)
        let anyProcess = parsed.contains { $0?.process == true && $0?.measure == "gpu" }
        if timeline.isEmpty {
            output.warning = "no history rows with wall times: system metrics are placed at their sample number, not at training steps"
        }

        // Per kept key: step -> (sum, sum of times, count), in order of first step.
        var columns: [Int: [(step: Int, sum: Double, time: Double, count: Int)]] = [:]
        var utilization: [(step: Int, sum: Double, time: Double, count: Int)] = []
        func add(_ list: inout [(step: Int, sum: Double, time: Double, count: Int)], step: Int, value: Double, time: Double) {
            if let last = list.last, last.step == step {
                list[list.count - 1].sum += value
                list[list.count - 1].time += time
                list[list.count - 1].count += 1
            } else {
                list.append((step, value, time, 1))
            }
        }
        for (n, sample) in samples.enumerated() {
            let step = timeline.isEmpty ? n : timeline.step(at: sample.time)
            var gpuSum = 0.0
            var gpuCount = 0
            for (key, value) in sample.items {
                if let gpu = parsed[key] {
                    if gpu.measure == "gpu" && gpu.process == anyProcess && value.isFinite { gpuSum += value; gpuCount += 1 }
                    if gpu.measure == "memoryAllocated" && !gpu.process && value.isFinite {
                        output.peakGPUMemoryPercent = max(output.peakGPUMemoryPercent ?? value, value)
                    }
                    guard !gpu.process, gpuMeasures.contains(gpu.measure) else { continue }
                } else if !hostKeys.contains(keys[key]) {
                    continue
                }
                add(&columns[key, default: []], step: step, value: value, time: sample.time)
            }
            if gpuCount > 0 { add(&utilization, step: step, value: gpuSum / Double(gpuCount), time: sample.time) }
        }
        for key in columns.keys.sorted(by: { keys[$0] < keys[$1] }) {
            guard let points = columns[key] else { continue }
            output.series.append(("system/" + keys[key], keys[key], points.map(\.step),
                                  points.map { $0.time / Double($0.count) }, points.map { $0.sum / Double($0.count) }))
        }
        if !utilization.isEmpty {
            output.series.append(("system/gpu_utilization", anyProcess ? "gpu.process.*.gpu (mean)" : "gpu.*.gpu (mean)",
                                  utilization.map(\.step), utilization.map { $0.time / Double($0.count) },
                                  utilization.map { $0.sum / Double($0.count) }))
        }
        return output
    }

    /// Wall time -> step, from history rows that have both (sorted by time, steps made non-decreasing).
    struct Timeline {
        private var times: [Double] = []
        private var steps: [Int] = []

        init(times: [Double], steps: [Int]) {
            if Self.inOrder(times, steps) {
                // Rows written in time order with steps that never go back (the usual case): kept as they are.
                self.times = times
                self.steps = steps
                return
            }
            let order = times.indices.filter { times[$0].isFinite }.sorted { times[$0] < times[$1] }
            for i in order {
                self.times.append(times[i])
                self.steps.append(Swift.max(steps[i], self.steps.last ?? steps[i]))
            }
        }

        /// Whether every time is finite, and times and steps never decrease.
        private static func inOrder(_ times: [Double], _ steps: [Int]) -> Bool {
            guard times.allSatisfy(\.isFinite) else { return false }
            var i = 1
            while i < times.count {
                if times[i] < times[i - 1] || steps[i] < steps[i - 1] { return false }
                i += 1
            }
            return true
        }

        var isEmpty: Bool { times.isEmpty }

        /// The step at time `t`: interpolated between the rows around it, clamped to the first and last.
        func step(at t: Double) -> Int {
            guard let first = times.first, let last = times.last else { return 0 }
            if t <= first { return steps[0] }
            if t >= last { return steps[steps.count - 1] }
            var lo = 0, hi = times.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if times[mid] <= t { lo = mid } else { hi = mid }
            }
            let span = times[hi] - times[lo]
            let fraction = span > 0 ? (t - times[lo]) / span : 0
            return steps[lo] + Int((Double(steps[hi] - steps[lo]) * fraction).rounded())
        }
    }
}
