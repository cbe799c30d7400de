#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A report file could not be written.
public struct ExportWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes export files readable by their owner only (mode 0600, also when the file already existed).
public enum ExportFileWriter {
    /// Writes `text` to `path`, replacing it, with `mode` (0600 unless given; set again if the file existed).
    public static func write(_ text: String, to path: String, mode: mode_t = 0o600) throws(ExportWriteError) {
        try write(text, to: path, flags: O_TRUNC, mode: mode, enforceMode: true)
    }

    /// Appends `text` to the file at `path` (created with mode 0600 if missing), as CI job summary files
    /// (`$GITHUB_STEP_SUMMARY`) expect: earlier steps' summaries in the same file are kept.
    public static func append(_ text: String, to path: String) throws(ExportWriteError) {
        try write(text, to: path, flags: O_APPEND, mode: 0o600, enforceMode: false)
    }

    private static func write(_ text: String, to path: String, flags: Int32, mode: mode_t, enforceMode: Bool) throws(ExportWriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, mode)
        guard fd >= 0 else { throw ExportWriteError(path: path, reason: errorText(errno)) }
        defer { close(fd) }
        if enforceMode, fchmod(fd, mode) != 0 { throw ExportWriteError(path: path, reason: errorText(errno)) }
        var text = text
        let failure: Int32? = text.withUTF8 { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failure { throw ExportWriteError(path: path, reason: errorText(failure)) }
    }

    /// Whether a file could be created at `path`: its directory exists and is writable.
    public static func canCreate(_ path: String) -> Bool {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        return access(directory, W_OK | X_OK) == 0
    }

    private static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
