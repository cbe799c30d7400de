#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a profile definition file whole, without Foundation.
enum ProfileFileReader {
    /// Profile files are small; anything larger is refused.
    static let maxBytes = 4 << 20

    static func read(path: String) throws(InputError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw InputError("cannot read profile file '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if bytes.count > maxBytes {
                throw InputError("profile file '\(path)' is larger than \(maxBytes >> 20) MiB")
            }
            if n < chunk.count {
                if ferror(file) != 0 {
                    throw InputError("cannot read profile file '\(path)': \(String(cString: strerror(errno)))")
                }
                break
            }
        }
        return bytes
    }
}
