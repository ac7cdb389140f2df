/// One named metric over a run: points (step, optional wall time, value), sorted by step,
/// stored as a struct of arrays. Non-finite values are kept: they are evidence, not errors.
public struct Series: Sendable, Equatable {
    /// Canonical name (HF TensorBoard style), e.g. `train/loss`, `eval/accuracy`.
    public let name: String
    /// The key exactly as the producer logged it, e.g. `eval_loss`, `val_loss`, `lr`.
    public let key: String
    public let role: MetricRole
    public private(set) var steps: [Int]
    /// Seconds since the Unix epoch (or since the run started, when that is all the file says);
    /// `.nan` where the point carries no time.
    public private(set) var wallTimes: [Double]
    public private(set) var values: [Double]

    public init(name: String, key: String, role: MetricRole, steps: [Int] = [], wallTimes: [Double] = [], values: [Double] = []) {
        precondition(steps.count == values.count, "steps and values differ in length")
        precondition(wallTimes.isEmpty || wallTimes.count == steps.count, "wall times differ in length")
        self.name = name
        self.key = key
        self.role = role
        self.steps = steps
        self.values = values
        self.wallTimes = wallTimes.isEmpty ? Array(repeating: .nan, count: steps.count) : wallTimes
    }

    /// Equal when names, roles and points agree; a missing wall time (NaN) equals a missing one.
    public static func == (a: Series, b: Series) -> Bool {
        a.name == b.name && a.key == b.key && a.role == b.role && a.steps == b.steps
            && a.values.elementsEqual(b.values, by: sameValue) && a.wallTimes.elementsEqual(b.wallTimes, by: sameValue)
    }

    private static func sameValue(_ x: Double, _ y: Double) -> Bool {
        x == y || (x.isNaN && y.isNaN)
    }

    public var count: Int { steps.count }
    public var isEmpty: Bool { steps.isEmpty }

    /// Whether any point carries a wall time.
    public var hasWallTime: Bool { wallTimes.contains { !$0.isNaN } }

    public mutating func append(step: Int, wallTime: Double?, value: Double) {
        steps.append(step)
        wallTimes.append(wallTime ?? .nan)
        values.append(value)
    }

    public mutating func reserveCapacity(_ n: Int) {
        steps.reserveCapacity(n)
        wallTimes.reserveCapacity(n)
        values.reserveCapacity(n)
    }

    /// Removes and returns the points from `index` to the end (used when a restart supersedes them).
    mutating func removeTail(from index: Int) -> (steps: ArraySlice<Int>, wallTimes: ArraySlice<Double>, values: ArraySlice<Double>) {
        let tail = (steps[index...], wallTimes[index...], values[index...])
        steps.removeSubrange(index...)
        wallTimes.removeSubrange(index...)
        values.removeSubrange(index...)
        return tail
    }

    /// Replaces the value (and time) of the last point; used when a producer logs one step twice.
    mutating func replaceLast(wallTime: Double?, value: Double) {
        precondition(!steps.isEmpty)
        values[values.count - 1] = value
        wallTimes[wallTimes.count - 1] = wallTime ?? .nan
    }

    /// A copy with only the points whose step lies in `range`.
    public func slice(steps range: ClosedRange<Int>) -> Series {
        let lo = lowerBound(of: range.lowerBound)
        var hi = lo
        while hi < steps.count && steps[hi] <= range.upperBound { hi += 1 }
        return Series(name: name, key: key, role: role, steps: Array(steps[lo..<hi]),
                      wallTimes: Array(wallTimes[lo..<hi]), values: Array(values[lo..<hi]))
    }

    /// Index of the first point whose step is >= `step` (binary search; steps are sorted).
    public func lowerBound(of step: Int) -> Int {
        var lo = 0, hi = steps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if steps[mid] < step { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
