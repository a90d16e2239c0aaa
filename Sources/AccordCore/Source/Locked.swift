import Foundation

/// A value behind a lock, for small shared caches.
package final class Locked<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()

    package init(_ value: T) { self.value = value }

    package func read<R>(_ body: (T) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(value)
    }

    package func write(_ body: (inout T) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&value)
    }
}
