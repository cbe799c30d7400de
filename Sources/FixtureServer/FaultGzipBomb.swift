/// The `/fault/gzip-bomb` body: a gzip stream of zero bytes made of one precomputed deflate
/// segment (1 MiB of zeros, compressed by zlib at level 9 and ended with a full flush, so it is
/// byte-aligned and needs no earlier data) repeated as often as asked, then an empty final block and
/// the trailer (CRC-32 and size of the zeros). Each segment is 1,037 bytes on the wire for 1 MiB
/// decoded (about 1:1000, the most deflate can do), so 8 GiB of zeros cost about 8.5 MB.
enum GzipBomb {
    /// Decoded bytes per segment.
    static let segmentDecodedBytes = 1 << 20

    /// The gzip member header (no name, no time, unknown OS).
    static let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF]

    /// One segment: 1 MiB of zeros, raw deflate, ending on a byte boundary after a full flush.
    static let segment: [UInt8] = hexBytes("""
        ecc13101000000c2a0f54f6d085fa00000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
        000000000000000000000000000000000000000000000000000000000000003e030000ffff
        """)

    /// An empty final fixed-Huffman block, then the CRC-32 and the size (mod 2^32) of `segments` MiB of zeros.
    static func trailer(segments: Int) -> [UInt8] {
        var register: UInt32 = 0xFFFF_FFFF
        for _ in 0..<segments {
            register = ZeroCRC.advanceOneSegment(register)
        }
        let crc = register ^ 0xFFFF_FFFF
        let size = UInt32(truncatingIfNeeded: segments &* segmentDecodedBytes)
        var out: [UInt8] = [0x03, 0x00]
        for value in [crc, size] {
            for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        return out
    }

    private static func hexBytes(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8).compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }
}

/// CRC-32 over runs of zero bytes without touching them: feeding one zero byte is a linear map of the
/// CRC register over GF(2), so 1 MiB of zeros is that map's 2^20th power (20 squarings), applied
/// once per segment.
enum ZeroCRC {
    /// The map as 32 columns: column i is the image of the register with only bit i set.
    private typealias Matrix = [UInt32]

    private static let oneSegment: Matrix = {
        var matrix: Matrix = (0..<32).map { bit in
            let register = UInt32(1) << UInt32(bit)
            return crcTable[Int(register & 0xFF)] ^ (register >> 8)
        }
        var bytes = 1
        while bytes < GzipBomb.segmentDecodedBytes {
            matrix = matrix.map { apply(matrix, $0) }
            bytes *= 2
        }
        return matrix
    }()

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        return crc
    }

    /// The raw register after one segment of zeros.
    static func advanceOneSegment(_ register: UInt32) -> UInt32 {
        apply(oneSegment, register)
    }

    private static func apply(_ matrix: Matrix, _ vector: UInt32) -> UInt32 {
        var result: UInt32 = 0
        var rest = vector
        var bit = 0
        while rest != 0 {
            if rest & 1 == 1 { result ^= matrix[bit] }
            rest >>= 1
            bit += 1
        }
        return result
    }
}
