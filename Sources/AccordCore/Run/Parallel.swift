import Foundation

/// Work spread over threads with large stacks (deeply nested input never meets a small thread stack).
package enum Parallel {
    package static let stackSize = 16 << 20

    /// How far workers may run ahead of the consumer: bounds the results held in memory.
    package static let window = 512

    /// How many indexes a worker takes at a time, at most: one lock and at most one wake-up per
    /// batch, not per item. (16 took five times the futex calls of 64, and 2-5% longer over 10,000
    /// briefs: the writer thread was woken more often, and took a core from a worker each time.)
    package static let batch = 64

    /// The threads a run uses: as asked, or one for each core.
    package static func threadCount(_ asked: Int?) -> Int {
        asked ?? ProcessInfo.processInfo.activeProcessorCount
    }

    /// Runs `produce` for 0..<count on `threads` workers and hands each result to `consume` on the
    /// calling thread, in index order, as soon as it and all before it are ready.
    package static func stream<T: Sendable>(_ count: Int, threads: Int? = nil, produce: @escaping @Sendable (Int) -> T,
                                           consume: (Int, T) -> Void) {
        stream(count, threads: threads, worker: { _ in produce }, consume: consume)
    }

    /// As `stream(_:threads:produce:consume:)`, with a producer of its own for each worker: `worker(k)`
    /// is called on worker `k`'s thread when it takes its first work (never, for a worker that gets
    /// none), so that state it builds stays with that thread. Returns when every worker has ended.
    package static func stream<T: Sendable>(_ count: Int, threads: Int? = nil, worker: @escaping @Sendable (Int) -> (Int) -> T,
                                           consume: (Int, T) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(count, threadCount(threads)))
        let queue = OrderedResults<T>(count: count, window: max(window, batch * workers * 2), workers: workers)
        for k in 0..<workers {
            let thread = Thread {
                var produce: ((Int) -> T)?
                while let range = queue.take() {
                    let made = produce ?? worker(k)
                    produce = made
                    queue.put(range.lowerBound, range.map(made))
                }
                queue.workerEnded()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        var i = 0
        while i < count {
            for value in queue.next(i) {
                consume(i, value)
                i += 1
            }
        }
        queue.waitForWorkers(workers)
    }

    /// Batches of indexes handed out to workers and results handed back in order, under one lock.
    /// A side is woken only when it waits for what the other has just done.
    final class OrderedResults<T>: @unchecked Sendable {
        private var slots: [T?]
        private var nextToTake = 0
        private var consumed = 0
        private let window: Int
        private let workers: Int
        private let condition = NSCondition()
        /// The index the consumer sleeps on, or -1.
        private var awaited = -1
        /// Workers asleep because they are a window ahead of the consumer.
        private var sleepingWorkers = 0
        private var endedWorkers = 0

        init(count: Int, window: Int, workers: Int) {
            slots = Array(repeating: nil, count: count)
            self.window = window
            self.workers = workers
        }

        /// The next indexes to work on, waiting while the consumer is a window behind; nil when all are taken.
        func take() -> Range<Int>? {
            condition.lock()
            defer { condition.unlock() }
            while nextToTake < slots.count && nextToTake >= consumed + window {
                sleepingWorkers += 1
                condition.wait()
                sleepingWorkers -= 1
            }
            guard nextToTake < slots.count else { return nil }
            // Batches shrink as the work runs out (a quarter of what is left for each worker, at
            // most `batch`), so that the workers end together and every worker gets some.
            let size = max(1, min(Parallel.batch, (slots.count - nextToTake) / (workers * 4)))
            let range = nextToTake..<(nextToTake + size)
            nextToTake = range.upperBound
            return range
        }

        func put(_ start: Int, _ values: [T]) {
            condition.lock()
            for (k, value) in values.enumerated() { slots[start + k] = value }
            if awaited >= start && awaited < start + values.count { condition.broadcast() }
            condition.unlock()
        }

        func workerEnded() {
            condition.lock()
            endedWorkers += 1
            condition.broadcast()
            condition.unlock()
        }

        /// Waits until `workers` workers have ended (all results are in by then).
        func waitForWorkers(_ workers: Int) {
            condition.lock()
            while endedWorkers < workers { condition.wait() }
            condition.unlock()
        }

        /// Waits for result `i`, then takes it and every result after it that is ready.
        func next(_ i: Int) -> [T] {
            condition.lock()
            defer { condition.unlock() }
            while slots[i] == nil {
                awaited = i
                condition.wait()
            }
            awaited = -1
            var values: [T] = []
            var j = i
            while j < slots.count, let value = slots[j] {
                values.append(value)
                slots[j] = nil
                j += 1
            }
            consumed = j
            if sleepingWorkers > 0 { condition.broadcast() }
            return values
        }
    }
}

/// A value worked out on a thread of its own (with `Parallel.stackSize`), while the caller goes on
/// with other work; `value` waits for it.
package final class Pending<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: T?

    package init(_ work: @escaping @Sendable () -> T) {
        let thread = Thread { [self] in
            let made = work()
            condition.lock()
            result = made
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = Parallel.stackSize
        thread.start()
    }

    /// The value, once the work is done.
    package var value: T {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
