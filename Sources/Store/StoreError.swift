/// A failure of the run store, with a message that says what to do about it.
///
/// The command line maps `isBadInput` errors (an unknown run, a malformed reference) to exit status 2
/// and every other case to exit status 3 ("the store failed").
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The database file (or its directory) could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// Another process held the write lock for longer than the busy timeout.
    case locked(path: String)
    /// The disk (or the file system quota) is full.
    case full(path: String)
    /// The file or its directory is not writable.
    case readOnly(path: String)
    /// The file is not a SQLite database, or its content is damaged.
    case corrupt(path: String, detail: String)
    /// The database was written by a newer Workbench with a schema this binary does not know.
    case schemaTooNew(path: String, version: Int, supported: Int)
    /// No run matches a reference (`42`, `last`, `last~3`).
    case notFound(path: String, reference: String, detail: String)
    /// A run reference that is neither an id, `last` nor `last~N`.
    case invalidReference(String)
    /// Any other SQLite failure, with the operation that failed.
    case sqlite(path: String, operation: String, code: Int32, message: String)

    /// True for errors caused by what the user asked for (exit status 2), not by the store itself.
    public var isBadInput: Bool {
        switch self {
        case .notFound, .invalidReference: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(path): \(reason); check the path and its permissions, or use --db"
        case .locked(let path):
            return "database \(path) is locked by another process past the 5 s busy timeout; retry or use --db"
        case .full(let path):
            return "database \(path) cannot grow: the disk is full; free space or prune old runs (`workbench history prune`)"
        case .readOnly(let path):
            return "database \(path) is read-only; check the permissions of the file and its directory, or use --db"
        case .corrupt(let path, let detail):
            return "database \(path) is not a Workbench database or is damaged (\(detail)); move it aside or use --db"
        case .schemaTooNew(let path, let version, let supported):
            return "database \(path) has schema version \(version), but this workbench knows versions up to \(supported); "
                + "upgrade workbench or use --db"
        case .notFound(let path, let reference, let detail):
            return "no run \(reference) in \(path): \(detail); `workbench history` lists the stored runs"
        case .invalidReference(let reference):
            return "'\(reference)' is not a run reference; use a run id (42), last, or last~N (the N-th run before the last)"
        case .sqlite(let path, let operation, let code, let message):
            return "database \(path): \(operation) failed: \(message) (SQLite code \(code))"
        }
    }
}
