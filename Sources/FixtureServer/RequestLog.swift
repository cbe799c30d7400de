import Synchronization

/// The shared, thread-safe request log of one server (both listeners append to it).
final class RequestLog: Sendable {
    private let entries = Mutex<[LoggedRequest]>([])

    func append(_ entry: LoggedRequest) {
        entries.withLock { $0.append(entry) }
    }

    func snapshot() -> [LoggedRequest] {
        entries.withLock { $0 }
    }

    func clear() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }
}
