import NIOCore

/// The deterministic `/bytes/{n}` content (byte i = UInt8(i % 251)), served as zero-copy slices
/// of one shared buffer so streaming any length allocates nothing per chunk.
enum PatternBytes {
    /// Bytes per streamed chunk.
    static let chunkSize = 64 * 1024
    private static let period = 251

    private static let buffer: ByteBuffer = {
        var buffer = ByteBufferAllocator().buffer(capacity: chunkSize + period)
        for index in 0..<(chunkSize + period) {
            buffer.writeInteger(UInt8(index % period))
        }
        return buffer
    }()

    /// The pattern bytes `offset ..< offset + length`; `length` is at most ``chunkSize``.
    static func slice(offset: Int, length: Int) -> ByteBuffer {
        let start = offset % period
        let clamped = min(length, chunkSize)
        return buffer.getSlice(at: buffer.readerIndex + start, length: clamped) ?? ByteBuffer()
    }
}
