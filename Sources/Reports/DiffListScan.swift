#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cheap look at a collection file before loading it for its `diff` lists.
public enum DiffListScan {
    /// False only when the file's bytes cannot spell a `diff` key: no `"diff"` token and no `\u` escape
    /// (the only way to write those letters otherwise). Unreadable files answer true (the load reports them).
    public static func mayDeclareLists(path: String) -> Bool {
        guard let file = fopen(path, "rb") else { return true }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        if ferror(file) != 0 { return true }
        return mayDeclareLists(bytes)
    }

    public static func mayDeclareLists(_ bytes: [UInt8]) -> Bool {
        let token: [UInt8] = Array("\"diff\"".utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "u") { return true }
            if b == UInt8(ascii: "\""), i + token.count <= bytes.count, bytes[i..<(i + token.count)].elementsEqual(token) {
                return true
            }
            i += 1
        }
        return false
    }
}
