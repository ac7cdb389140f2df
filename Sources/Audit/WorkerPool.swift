import Foundation

/// Runs `work` for every index in `0..<count` on `jobs` threads and returns the results in index
/// order. Each worker takes the next index when it is free, so one slow run does not hold others back,
/// and at most `jobs` items are in memory at once.
enum WorkerPool {
    static func map<T: Sendable>(count: Int, jobs: Int, _ work: @escaping @Sendable (Int) -> T) -> [T] {
        let results = ResultSlots<T>(count: count)
        let next = NextIndex()
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, count)) {
            group.enter()
            let thread = Thread {
                while let i = next.take(below: count) {
                    results.set(i, work(i))
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return results.values()
    }

    private final class NextIndex: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func take(below count: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < count else { return nil }
            value += 1
            return value - 1
        }
    }

    private final class ResultSlots<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [T?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ value: T) {
            lock.lock()
            slots[i] = value
            lock.unlock()
        }

        func values() -> [T] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}
