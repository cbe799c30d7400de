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

    /// Runs `body` with the lock held; wakes every waiter afterwards.
    func update<R>(_ body: (inout Value) -> R) -> R {
        pthread_mutex_lock(&mutex)
        let r = body(&value)
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
        return r
    }

    /// Waits until `body` returns non-nil (re-checked after every update), with the lock held while it runs.
    func wait<R>(until body: (inout Value) -> R?) -> R {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while true {
            if let r = body(&value) {
                pthread_cond_broadcast(&condition)
                return r
            }
            pthread_cond_wait(&condition, &mutex)
        }
    }
}
