import CSQLite

/// What `RunStore.checkIntegrity()` found: SQLite's own checks of the file and of its references.
public struct IntegrityReport: Sendable, Hashable {
    /// Lines of `PRAGMA integrity_check` other than `ok` (empty when the file is sound).
    public var problems: [String]
    /// Rows whose foreign key points at nothing, as `table(rowid) → parent`.
    public var danglingReferences: [String]
    /// The schema version the file is at.
    public var schemaVersion: Int

    /// True when SQLite found nothing wrong.
    public var isSound: Bool { problems.isEmpty && danglingReferences.isEmpty }
}

extension RunStore {
    /// Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check` in one read snapshot.
    public func checkIntegrity() throws(StoreError) -> IntegrityReport {
        try connection.read("check the database") { () throws(StoreError) -> IntegrityReport in
            let integrity = try connection.statement("PRAGMA integrity_check")
            let lines = try integrity.rows([], operation: "check the database") { row in row.text(0) ?? "" }
            let foreign = try connection.statement("PRAGMA foreign_key_check")
            let dangling = try foreign.rows([], operation: "check references") { row in
                "\(row.text(0) ?? "?")(\(row.int64(1))) → \(row.text(2) ?? "?")"
            }
            let version = try connection.statement("PRAGMA user_version")
                .rows([], operation: "read the schema version") { row in row.int(0) }.first ?? 0
            return IntegrityReport(problems: lines.filter { $0 != "ok" }, danglingReferences: dangling, schemaVersion: version)
        }
    }
}
