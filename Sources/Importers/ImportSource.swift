import Engine
#if canImport(Glibc)
import Glibc
#endif

/// Reads a source file's bytes (no Foundation: the CLI's start-up stays small).
enum ImportSource {
    static func read(_ path: String) throws(ImportError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw ImportError("cannot read \(path): \(String(cString: strerror(errno))); check the path")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
            if n < buffer.count { break }
        }
        if ferror(file) != 0 { throw ImportError("cannot read \(path): read error") }
        return bytes
    }

    static func text(_ path: String) throws(ImportError) -> String {
        var bytes = try read(path)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ImportError("\(path) is not UTF-8 text")
        }
        return text
    }

    static func json(_ path: String) throws(ImportError) -> LocatedJSON {
        let bytes = try read(path)
        do { return try JSONParser.parseLocated(bytes, file: path) } catch {
            throw ImportError("not valid JSON: \(error.message)", at: error.location)
        }
    }

    /// The file name without folders and without its last extension (`api.postman_collection.json` → `api.postman_collection`).
    static func baseName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }
}
