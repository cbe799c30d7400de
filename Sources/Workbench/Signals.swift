import Dispatch
import Engine
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT and SIGTERM into a cancellation: transfers stop, the partial run is stored and marked interrupted.
/// A second signal exits at once.
final class SignalWatcher: Sendable {
    let cancellation = CancellationFlag()
    private let received = SignalRecord()
    /// Kept alive for the life of the watcher; never mutated after init.
    private nonisolated(unsafe) let sources: [DispatchSourceSignal]

    init() {
        let cancellation = self.cancellation
        let received = self.received
        var made: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            _ = Glibc.signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                let (exchanged, _) = received.value.compareExchange(expected: 0, desired: sig, ordering: .acquiringAndReleasing)
                if !exchanged { _exit(128 + sig) }
                cancellation.cancel()
            }
            source.resume()
            made.append(source)
        }
        sources = made
    }

    /// The signal received, if any.
    var signal: Int32? {
        let value = received.value.load(ordering: .acquiring)
        return value == 0 ? nil : value
    }

    /// 130 after SIGINT, 143 after SIGTERM.
    var exitStatus: Int32 { signal == SIGTERM ? ExitStatus.terminated : ExitStatus.interrupted }
}

/// The first signal received (0: none), shared with the signal handlers.
final class SignalRecord: Sendable {
    let value = Atomic<Int32>(0)
}
