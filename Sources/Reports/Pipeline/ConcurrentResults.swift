import Foundation

/// Slots that concurrent workers fill by index (`DispatchQueue.concurrentPerform`), read once all
/// have finished. `@unchecked Sendable`: every access goes through `lock`.
final class ConcurrentResults<Value: Sendable>: @unchecked Sendable {
    private var slots: [Result<Value, any Error>?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<Value, any Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    /// The results in index order; a slot never filled reads as a failure.
    var values: [Result<Value, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .failure(ReportError.write(path: "", message: "not rendered")) }
    }
}
