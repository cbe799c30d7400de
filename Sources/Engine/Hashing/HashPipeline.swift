#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Hashes bytes on a thread of its own: the producer copies each piece into a ring of fixed slots
/// (`slotCount` × `slotSize` bytes, so memory stays bounded whatever the body's size) and goes on
/// receiving; the hashing thread takes full slots in order. Two counting semaphores hand slots back and
/// forth, which also orders the memory accesses.
///
/// The producer side (`push`, `finish`) belongs to one thread. While the pipeline runs, only its thread
/// touches the hasher; after `finish()` returns, the hasher is the caller's again.
final class HashPipeline: @unchecked Sendable {
    static let slotSize = 1 << 20
    static let slotCount = 8

    private let hasher: SHA256Hasher
    private let storage: UnsafeMutableRawPointer
    /// Bytes in each published slot; -1 marks the end.
    private let lengths: UnsafeMutablePointer<Int>
    private let freeSlots = DispatchSemaphore(value: HashPipeline.slotCount)
    private let filledSlots = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    // Producer state.
    private var writeSlot = 0
    private var writeOffset = 0
    private var holdsSlot = false
    private var ended = false

    /// Starts the hashing thread; the hasher keeps what was already added to it.
    init(hasher: SHA256Hasher) {
        self.hasher = hasher
        storage = UnsafeMutableRawPointer.allocate(byteCount: Self.slotSize * Self.slotCount, alignment: 64)
        lengths = UnsafeMutablePointer<Int>.allocate(capacity: Self.slotCount)
        lengths.initialize(repeating: 0, count: Self.slotCount)
        DetachedThread.start { [self] in consume() }
    }

    deinit {
        storage.deallocate()
        lengths.deallocate()
    }

    /// Copies `bytes` into the ring, waiting only when every slot is still being hashed.
    func push(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            if !holdsSlot {
                freeSlots.wait()
                holdsSlot = true
                writeOffset = 0
            }
            let count = min(bytes.count - done, Self.slotSize - writeOffset)
            (storage + writeSlot * Self.slotSize + writeOffset).copyMemory(from: base + done, byteCount: count)
            writeOffset += count
            done += count
            if writeOffset == Self.slotSize { publish(length: writeOffset) }
        }
    }

    /// Hands over what is left, ends the thread and waits for it: the hasher then holds every byte pushed.
    func finish() {
        guard !ended else { return }
        ended = true
        if holdsSlot, writeOffset > 0 { publish(length: writeOffset) }
        if !holdsSlot {
            freeSlots.wait()
            holdsSlot = true
        }
        publish(length: -1)
        finished.wait()
    }

    private func publish(length: Int) {
        lengths[writeSlot] = length
        holdsSlot = false
        writeOffset = 0
        writeSlot = (writeSlot + 1) % Self.slotCount
        filledSlots.signal()
    }

    /// The hashing thread: full slots in order until the end mark.
    private func consume() {
        var slot = 0
        while true {
            filledSlots.wait()
            let length = lengths[slot]
            if length < 0 {
                // Hand the end mark's slot back too: libdispatch traps when a semaphore is freed below its
                // initial value ("Semaphore object deallocated while in use").
                freeSlots.signal()
                break
            }
            hasher.update(UnsafeRawBufferPointer(start: storage + slot * Self.slotSize, count: length))
            freeSlots.signal()
            slot = (slot + 1) % Self.slotCount
        }
        finished.signal()
    }
}

/// A detached POSIX thread running one closure (Engine does not link Foundation's `Thread`).
enum DetachedThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `body` on a new detached thread; on the rare failure to create one, runs it on a Dispatch worker.
    static func start(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<Box>.fromOpaque(argument).takeRetainedValue().body()
            return nil
        }, box)
        if created == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<Box>.fromOpaque(box).release()
            DispatchQueue.global().async(execute: body)
        }
    }
}
