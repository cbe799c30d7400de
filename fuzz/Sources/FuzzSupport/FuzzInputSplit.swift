/// Text-shaped targets read their input as NUL-separated parts (a template, then variables; a path, then a document).
public enum FuzzInputSplit {
    /// At most `maxParts` parts; the last one keeps any further NUL bytes.
    public static func parts(_ data: UnsafePointer<UInt8>, _ size: Int, maxParts: Int = 9) -> [[UInt8]] {
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        return bytes.split(separator: 0, maxSplits: maxParts - 1, omittingEmptySubsequences: false).map(Array.init)
    }
}
