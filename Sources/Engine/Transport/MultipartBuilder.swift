import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds a `curl_mime` from `WirePart`s: values are copied into the mime, files are streamed by libcurl.
enum MultipartBuilder {
    /// The mime, or an `.invalidRequest` error (an unreadable file, a part libcurl refused).
    /// The caller frees the mime with `curl_mime_free` after the transfer.
    static func build(_ parts: [WirePart], easy: UnsafeMutableRawPointer) -> Result<OpaquePointer, TransportError> {
        guard let mime = curl_mime_init(easy) else {
            return .failure(TransportError(kind: .other, message: "curl_mime_init failed"))
        }
        for part in parts {
            if let error = add(part, to: mime) {
                curl_mime_free(mime)
                return .failure(error)
            }
        }
        return .success(mime)
    }

    private static func add(_ part: WirePart, to mime: OpaquePointer) -> TransportError? {
        guard let handle = curl_mime_addpart(mime) else {
            return TransportError(kind: .other, message: "curl_mime_addpart failed")
        }
        var steps = SetoptChain()
        steps(curl_mime_name(handle, part.name))
        switch part.content {
        case .bytes(let bytes):
            if bytes.isEmpty {
                steps(curl_mime_data(handle, "", 0))
            } else {
                bytes.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { steps(curl_mime_data(handle, $0.baseAddress, $0.count)) }
                }
            }
        case .file(let path):
            guard access(path, R_OK) == 0 else {
                let reason = String(cString: strerror(errno))
                return TransportError(kind: .invalidRequest, message: "cannot read multipart file \(path): \(reason)")
            }
            steps(curl_mime_filedata(handle, path))
        }
        if let filename = part.filename { steps(curl_mime_filename(handle, filename)) }
        if let contentType = part.contentType { steps(curl_mime_type(handle, contentType)) }
        guard steps.result == CURLE_OK else {
            let text = String(cString: curl_easy_strerror(steps.result))
            return TransportError(kind: .invalidRequest,
                                  message: "multipart part \(part.name): \(text) (curl error \(steps.result.rawValue))",
                                  curlCode: Int(steps.result.rawValue))
        }
        return nil
    }
}
