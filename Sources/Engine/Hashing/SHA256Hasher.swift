import CCrypto

/// SHA-256 through the system libcrypto (its `SHA256_*` functions, which use the CPU's SHA extensions; see `CCrypto/shim.h` for why not EVP).
///
/// Not thread-safe: one thread at a time feeds and finishes a hasher. `finalizeHex()` starts it over, so
/// one instance hashes message after message without allocating.
public final class SHA256Hasher {
    private let context: UnsafeMutablePointer<wb_sha256_context>

    /// A hasher for a new message.
    public init() {
        guard let context = wb_sha256_new() else {
            // Only when libcrypto cannot allocate a context (out of memory); no input leads here.
            preconditionFailure("libcrypto could not create a SHA-256 context (out of memory)")
        }
        self.context = context
    }

    deinit {
        wb_sha256_free(context)
    }

    /// Adds `bytes` to the message.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        _ = wb_sha256_update(context, base, bytes.count)
    }

    /// Adds `bytes` to the message.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Forgets what was added: the hasher starts a new message.
    public func reset() {
        _ = wb_sha256_reset(context)
    }

    /// The 32-byte digest of the message; the hasher then starts a new message.
    public func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        _ = digest.withUnsafeMutableBufferPointer { wb_sha256_final(context, $0.baseAddress) }
        return digest
    }

    /// The lowercase hex digest of the message (64 characters); the hasher then starts a new message.
    public func finalizeHex() -> String {
        Self.hex(finalize())
    }

    /// Lowercase hex SHA-256 of `bytes`.
    public static func hex(of bytes: [UInt8]) -> String {
        let hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// Lowercase hex of a digest.
    static func hex(_ digest: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: digest.count * 2) { out in
            var index = 0
            for byte in digest {
                out[index] = hexDigit(byte >> 4)
                out[index + 1] = hexDigit(byte & 0x0F)
                index += 2
            }
            return index
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x57 + nibble
    }
}
