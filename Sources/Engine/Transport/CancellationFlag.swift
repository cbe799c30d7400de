import Synchronization

/// A flag another thread (or a signal-watching task) sets to stop transfers in progress.
///
/// The transport checks it while a transfer runs (at least every 100 ms) and ends the exchange
/// with `.interrupted`; a request started after it is set is not sent at all.
public final class CancellationFlag: Sendable {
    private let state = Atomic<Bool>(false)

    public init() {}

    /// Asks every transfer watching this flag to stop.
    public func cancel() { state.store(true, ordering: .releasing) }

    /// Clears the flag so that later requests run again.
    public func reset() { state.store(false, ordering: .releasing) }

    /// True once `cancel()` was called (and not reset since).
    public var isCancelled: Bool { state.load(ordering: .acquiring) }
}
