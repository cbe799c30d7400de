#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SHA-256 of a response body as it arrives. The first `inlineLimit` bytes are hashed on the
/// receiving thread; a larger body is handed to a `HashPipeline` (a second thread), so that hashing
/// overlaps receiving instead of adding to it. The digest is the same either way.
final class BodyHasher {
    /// Bytes hashed on the receiving thread before a second thread takes over (small bodies never pay for one).
    static let defaultInlineLimit = 1 << 20

    private let inlineLimit: Int

    private let hasher = SHA256Hasher()
    private var inlineBytes = 0
    private var pipeline: HashPipeline?
    /// Whether a second thread may help: only with more than one CPU online.
    private let overlap: Bool

    init(overlap: Bool = BodyHasher.cpuCount() > 1, inlineLimit: Int = BodyHasher.defaultInlineLimit) {
        self.overlap = overlap
        self.inlineLimit = inlineLimit
    }

    deinit {
        pipeline?.finish()
    }

    /// Starts a new body (waits for a previous body's pipeline, if a transfer stopped midway).
    func reset() {
        if let pipeline {
            pipeline.finish()
            self.pipeline = nil
        }
        hasher.reset()
        inlineBytes = 0
    }

    /// Adds body bytes, in order.
    func update(_ bytes: UnsafeRawBufferPointer) {
        if let pipeline {
            pipeline.push(bytes)
            return
        }
        hasher.update(bytes)
        inlineBytes += bytes.count
        if overlap, inlineBytes >= inlineLimit {
            pipeline = HashPipeline(hasher: hasher)
        }
    }

    /// Lowercase hex SHA-256 of every byte added since `reset()`; then starts a new body.
    func finalizeHex() -> String {
        if let pipeline {
            pipeline.finish()
            self.pipeline = nil
        }
        inlineBytes = 0
        return hasher.finalizeHex()
    }

    static func cpuCount() -> Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
