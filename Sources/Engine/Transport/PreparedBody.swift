/// A request body ready for libcurl; the caller of `run` keeps the memory, file or mime alive.
enum PreparedBody {
    case none
    /// Sent from this memory as `CURLOPT_POSTFIELDS` (not copied).
    case bytes(UnsafeBufferPointer<UInt8>)
    case file(UploadFile)
    /// A `curl_mime*`.
    case multipart(OpaquePointer)

    /// Body bytes the transport knows will go out (0 when libcurl will report the size itself).
    var knownSize: Int64 {
        switch self {
        case .none, .multipart: return 0
        case .bytes(let buffer): return Int64(buffer.count)
        case .file(let file): return max(0, file.size)
        }
    }

    /// True for bodies libcurl would label `application/x-www-form-urlencoded` unless told otherwise.
    var isPlainPost: Bool {
        switch self {
        case .bytes, .file: return true
        case .none, .multipart: return false
        }
    }
}
