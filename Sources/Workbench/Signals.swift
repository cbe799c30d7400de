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
    private let received = Atomic<Int32>(0)
    private let sources: Mutex<[DispatchSourceSignal]> = Mutex([])

    init() {
        var made: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                let (exchanged, _) = received.compareExchange(expected: 0, desired: sig, ordering: .acquiringAndReleasing)
                if !exchanged { _exit(128 + sig) }
                cancellation.cancel()
            }
            source.resume()
            made.append(source)
        }
        sources.withLock { $0 = made }
    }

    /// The signal received, if any.
    var signal: Int32? {
        let value = received.load(ordering: .acquiring)
        return value == 0 ? nil : value
    }

    /// 130 after SIGINT, 143 after SIGTERM.
    var exitStatus: Int32 { signal == SIGTERM ? ExitStatus.terminated : ExitStatus.interrupted }
}
