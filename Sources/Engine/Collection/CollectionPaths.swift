#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves file paths a collection names (bodies, multipart files, certificates) against its folder.
///
/// Every file a collection names (body, multipart file, CA file, client certificate and key) must stay inside
/// the collection's folder once `..` and symlinks are resolved, unless it is under one of the `allowedPaths`
/// directories; this keeps a collection from another source from sending, say, `~/.ssh/id_ed25519`, or from
/// trusting a CA bundle or presenting a client key it did not bring (`docs/reliability.md`, Security).
enum CollectionPaths {
    /// The path made absolute (relative to `directory`), with `..` and symlinks resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func joined(_ directory: String, _ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    static func isInside(_ path: String, _ directory: String) -> Bool {
        directory == "/" || path == directory || path.hasPrefix(directory + "/")
    }

    /// Resolves a file the request reads. `confined`: must stay inside `directory` or an allowed path.
    static func resolveFile(_ path: String, what: String, directory: String, allowedPaths: [String], confined: Bool,
                            location: SourceLocation?) throws(InputError) -> (path: String, size: Int64) {
        guard !path.isEmpty else { throw InputError("\(what) is empty; name a file relative to the collection's folder", at: location) }
        let joined = joined(directory, path)
        guard let real = realPath(joined) else {
            throw InputError("\(what) '\(path)' not found (looked for \(joined)); paths are relative to the collection's folder", at: location)
        }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw InputError("\(what) '\(path)' is not a regular file (\(real))", at: location)
        }
        if confined {
            guard let root = realPath(directory) else {
                throw InputError("the collection's folder '\(directory)' cannot be resolved", at: location)
            }
            let allowed = allowedPaths.compactMap { realPath($0) }
            if !isInside(real, root) && !allowed.contains(where: { isInside(real, $0) }) {
                throw InputError(
                    "\(what) '\(path)' is outside the collection's folder (it resolves to \(real)); move the file into \(root) or allow its directory explicitly",
                    at: location)
            }
        }
        return (real, Int64(info.st_size))
    }
}
