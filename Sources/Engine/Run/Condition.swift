#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutex with a condition variable, guarding a value (the scheduler's state for parallel lanes).
final class Guarded<Value>: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var value: Value

    init(_ value: Value) {
        self.value = value
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    /// Threads asleep in `wait(until:)`, which only an update wakes.
    private var sleepers = 0

    /// Runs `body` with the lock held; wakes every waiter afterwards.
    func update<R>(_ body: (inout Value) -> R) -> R {
        pthread_mutex_lock(&mutex)
        let r = body(&value)
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
        return r
    }

    /// Runs `body` with the lock held; wakes the waiters only when a `wait(until:)` sleeps or `body` says so.
    /// Waiters in `wait(pollingEvery:until:)` otherwise see the change at their next look.
    func publish<R>(_ body: (inout Value) -> (R, wake: Bool)) -> R {
        pthread_mutex_lock(&mutex)
        let (r, wake) = body(&value)
        if wake || sleepers > 0 { pthread_cond_broadcast(&condition) }
        pthread_mutex_unlock(&mutex)
        return r
    }

    /// Waits until `body` returns non-nil (re-checked after every update), with the lock held while it runs.
    /// What `body` changed wakes the other `wait(until:)` sleepers; pollers see it at their next look.
    func wait<R>(until body: (inout Value) -> R?) -> R {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while true {
            if let r = body(&value) {
                if sleepers > 0 { pthread_cond_broadcast(&condition) }
                return r
            }
            sleepers += 1
            pthread_cond_wait(&condition, &mutex)
            sleepers -= 1
        }
    }

    /// Like `wait(until:)`, but also looks again every `milliseconds` without being woken: for a consumer
    /// that producers wake only now and then (`publish` with `wake: false`).
    func wait<R>(pollingEvery milliseconds: Int, until body: (inout Value) -> R?) -> R {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while true {
            if let r = body(&value) {
                if sleepers > 0 { pthread_cond_broadcast(&condition) }
                return r
            }
            var deadline = timespec()
            clock_gettime(CLOCK_REALTIME, &deadline)
            let nanoseconds = Int(deadline.tv_nsec) + milliseconds * 1_000_000
            deadline.tv_sec += nanoseconds / 1_000_000_000
            deadline.tv_nsec = nanoseconds % 1_000_000_000
            _ = pthread_cond_timedwait(&condition, &mutex, &deadline)
        }
    }
}
