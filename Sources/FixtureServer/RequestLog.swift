import Synchronization

/// The shared, thread-safe request log of one server (both listeners append to it).
///
/// Bounded so a long-running `workbench serve` cannot grow without limit: past
/// ``capacity`` entries the oldest tenth is dropped.
final class RequestLog: Sendable {
    static let capacity = 200_000
    private let entries = Mutex<[LoggedRequest]>([])

    func append(_ entry: LoggedRequest) {
        entries.withLock { entries in
            if entries.count >= RequestLog.capacity {
                entries.removeFirst(RequestLog.capacity / 10)
            }
            entries.append(entry)
        }
    }

    func snapshot() -> [LoggedRequest] {
        entries.withLock { $0 }
    }

    func clear() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }
}
