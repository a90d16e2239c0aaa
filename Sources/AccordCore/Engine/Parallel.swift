import Foundation

/// Work spread over threads with large stacks (deeply nested input never meets a small thread stack).
public enum Parallel {
    public static let stackSize = 16 << 20

    /// How far workers may run ahead of the consumer: bounds the results held in memory.
    public static let window = 512

    /// Runs `produce` for 0..<count on `threads` workers and hands each result to `consume` on the
    /// calling thread, in index order, as soon as it and all before it are ready.
    public static func stream<T: Sendable>(_ count: Int, threads: Int? = nil, produce: @escaping @Sendable (Int) -> T,
                                           consume: (Int, T) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(count, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        let queue = OrderedResults<T>(count: count, window: window)
        for _ in 0..<workers {
            let thread = Thread {
                while let i = queue.take() { queue.put(i, produce(i)) }
            }
            thread.stackSize = stackSize
            thread.start()
        }
        for i in 0..<count { consume(i, queue.next(i)) }
    }

    /// Indexes handed out to workers and results handed back in order, under one lock.
    final class OrderedResults<T>: @unchecked Sendable {
        private var slots: [T?]
        private var nextToTake = 0
        private var consumed = 0
        private let window: Int
        private let condition = NSCondition()

        init(count: Int, window: Int) {
            slots = Array(repeating: nil, count: count)
            self.window = window
        }

        /// The next index to work on, waiting while the consumer is a window behind; nil when all are taken.
        func take() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while nextToTake < slots.count && nextToTake >= consumed + window { condition.wait() }
            guard nextToTake < slots.count else { return nil }
            nextToTake += 1
            return nextToTake - 1
        }

        func put(_ i: Int, _ value: T) {
            condition.lock()
            slots[i] = value
            condition.broadcast()
            condition.unlock()
        }

        /// Waits for result `i` and takes it out.
        func next(_ i: Int) -> T {
            condition.lock()
            defer { condition.unlock() }
            while slots[i] == nil { condition.wait() }
            let value = slots[i]!
            slots[i] = nil
            consumed = i + 1
            condition.broadcast()
            return value
        }
    }
}
