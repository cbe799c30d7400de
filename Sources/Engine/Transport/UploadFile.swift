#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file streamed as a request body by the read callback.
struct UploadFile {
    let descriptor: Int32
    /// The size of a regular file; -1 for a pipe or device (sent chunked).
    let size: Int64

    /// Opens `path` for reading; an `.invalidRequest` error when it cannot be read.
    static func open(_ path: String) -> Result<UploadFile, TransportError> {
        let descriptor = openForReading(path)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            return .failure(TransportError(kind: .invalidRequest, message: "cannot open body file \(path): \(reason)"))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            closeDescriptor(descriptor)
            return .failure(TransportError(kind: .invalidRequest, message: "cannot stat body file \(path): \(reason)"))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            closeDescriptor(descriptor)
            return .failure(TransportError(kind: .invalidRequest, message: "body file \(path) is a directory"))
        }
        let regular = (info.st_mode & S_IFMT) == S_IFREG
        return .success(UploadFile(descriptor: descriptor, size: regular ? Int64(info.st_size) : -1))
    }

    func close() {
        closeDescriptor(descriptor)
    }
}

/// `open(2)` read-only (a free function so that it does not clash with `UploadFile.open`).
private func openForReading(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
}

private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
