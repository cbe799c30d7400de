/// `lowercased()` without its Unicode machinery for ASCII text (header names, tokens, hosts): ASCII with no
/// upper-case letter comes back as it is, other ASCII is folded byte by byte, and anything else goes through
/// `lowercased()`, so the result is always exactly `lowercased()`'s. Browser profiles lower-case header names
/// dozens of times per request.
enum ASCIICase {
    enum Folding {
        case unchanged
        case folded(String)
        case notASCII
    }

    /// An ASCII upper-case letter's lower case; any other byte as it is.
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> Folding {
        var upper = false
        for byte in bytes {
            if byte >= 0x80 { return .notASCII }
            if byte >= 0x41 && byte <= 0x5A { upper = true }
        }
        guard upper else { return .unchanged }
        return .folded(String(unsafeUninitializedCapacity: bytes.count) { out in
            for (index, byte) in bytes.enumerated() { out[index] = lower(byte) }
            return bytes.count
        })
    }
}

extension String {
    /// Exactly `lowercased()`, faster for ASCII (see `ASCIICase`).
    func asciiLowercased() -> String {
        switch utf8.withContiguousStorageIfAvailable(ASCIICase.fold) {
        case .unchanged?: return self
        case .folded(let text)?: return text
        case .notASCII?, nil: return lowercased()
        }
    }
}

extension Substring {
    /// Exactly `lowercased()`, faster for ASCII (see `ASCIICase`).
    func asciiLowercased() -> String {
        switch utf8.withContiguousStorageIfAvailable(ASCIICase.fold) {
        case .unchanged?: return String(self)
        case .folded(let text)?: return text
        case .notASCII?, nil: return lowercased()
        }
    }
}
