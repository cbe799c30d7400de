/// A minimal gzip (RFC 1952) writer using deflate *stored* blocks (RFC 1951 §3.2.4).
///
/// No compression happens, but the stream is fully valid, so clients exercise their
/// `Content-Encoding: gzip` decoding without any compression library in this target.
enum Gzip {
    /// The largest payload of one stored block.
    private static let maxStoredBlock = 65_535

    static func wrap(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [
            0x1F, 0x8B,  // magic
            0x08,  // method: deflate
            0x00,  // flags: none
            0x00, 0x00, 0x00, 0x00,  // mtime: unknown
            0x00,  // extra flags
            0xFF,  // OS: unknown
        ]
        out.reserveCapacity(payload.count + payload.count / maxStoredBlock * 5 + 32)
        var offset = 0
        repeat {
            let length = min(maxStoredBlock, payload.count - offset)
            let isFinal = offset + length == payload.count
            out.append(isFinal ? 0x01 : 0x00)  // BFINAL, BTYPE = 00 (stored), rest of byte padding
            appendLittleEndian(UInt16(length), to: &out)
            appendLittleEndian(~UInt16(length), to: &out)
            out.append(contentsOf: payload[offset..<offset + length])
            offset += length
        } while offset < payload.count
        appendLittleEndian(CRC32.checksum(payload), to: &out)
        appendLittleEndian(UInt32(truncatingIfNeeded: payload.count), to: &out)
        return out
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: T.bitWidth, by: 8) {
            out.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as gzip's trailer needs.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1
        }
        return crc
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }
}
