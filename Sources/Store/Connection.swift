import CSQLite

/// One sqlite3 connection with a cache of prepared statements (one per SQL text), used from one thread.
final class Connection {
    let path: String
    private let db: OpaquePointer
    private var cache: [String: Statement] = [:]
    /// Statements of SQL given as literals, found by the literal's address instead of by hashing its text
    /// (the write path prepares nothing new per result, and hashing its INSERT texts cost ~5,000
    /// instructions per stored result).
    private var literalCache: [UInt: Statement] = [:]

    private init(path: String, db: OpaquePointer) {
        self.path = path
        self.db = db
    }

    deinit {
        for statement in cache.values { sqlite3_finalize(statement.handle) }
        for statement in literalCache.values { sqlite3_finalize(statement.handle) }
        cache.removeAll()
        literalCache.removeAll()
        sqlite3_close_v2(db)
    }

    /// Opens (creating if needed) the database file; the caller has created it with the right mode.
    static func open(path: String, busyTimeoutMillis: Int32) throws(StoreError) -> Connection {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard let db = handle else {
            throw StoreError.cannotOpen(path: path, reason: "SQLite could not allocate a connection (code \(code))")
        }
        let connection = Connection(path: path, db: db)
        if code != SQLITE_OK {
            throw connection.error(code: code, operation: "open")
        }
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMillis)
        return connection
    }

    /// Runs SQL text that may hold several statements and returns no rows worth reading.
    func execute(_ sql: String, operation: String) throws(StoreError) {
        let code = sqlite3_exec(db, sql, nil, nil, nil)
        if code != SQLITE_OK { throw error(code: code, operation: operation) }
    }

    /// The cached prepared statement for `sql`, prepared on first use.
    func statement(_ sql: String) throws(StoreError) -> Statement {
        if let cached = cache[sql] { return cached }
        let statement = try prepare(sql)
        cache[sql] = statement
        return statement
    }

    /// The cached prepared statement for a SQL literal, prepared on first use; for statements run per result.
    func statement(literal sql: StaticString) throws(StoreError) -> Statement {
        let key = UInt(bitPattern: sql.utf8Start)
        if let cached = literalCache[key] { return cached }
        let statement = try prepare(sql.description)
        literalCache[key] = statement
        return statement
    }

    private func prepare(_ sql: String) throws(StoreError) -> Statement {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let prepared = handle else {
            if let handle { sqlite3_finalize(handle) }
            throw error(code: code == SQLITE_OK ? SQLITE_MISUSE : code, operation: "prepare")
        }
        return Statement(handle: prepared, connection: self)
    }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`, so the busy timeout applies up front),
    /// committing on success and rolling back on error.
    func transaction<T>(_ operation: String, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try inTransaction(begin: "BEGIN IMMEDIATE", operation, body)
    }

    /// `begin`, then `body`, then COMMIT; ROLLBACK when `body` or the commit fails.
    fileprivate func inTransaction<T>(begin: String, _ operation: String, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute(begin, operation: operation)
        do throws(StoreError) {
            let value = try body()
            try execute("COMMIT", operation: operation)
            return value
        } catch {
            try? execute("ROLLBACK", operation: operation)
            throw error
        }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(db) }

    var changes: Int { Int(sqlite3_changes(db)) }

    /// Resets every cached statement, so none holds a read cursor open (needed before `VACUUM`).
    func resetAll() {
        for statement in cache.values { statement.reset() }
        for statement in literalCache.values { statement.reset() }
    }

    /// A typed error for a failed SQLite call, from its result code and the connection's message.
    func error(code: Int32, operation: String) -> StoreError {
        let message = sqlite3_errmsg(db).map { String(cString: $0) } ?? "unknown error"
        switch code & 0xff {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return .locked(path: path)
        case SQLITE_FULL:
            return .full(path: path)
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return .corrupt(path: path, detail: message)
        case SQLITE_READONLY, SQLITE_PERM:
            return .readOnly(path: path)
        case SQLITE_CANTOPEN:
            return .cannotOpen(path: path, reason: message)
        default:
            return .sqlite(path: path, operation: operation, code: code, message: message)
        }
    }
}

extension Connection {
    /// Runs `body` in one read transaction, so several queries see one snapshot even while others write.
    func read<T>(_ operation: String, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try inTransaction(begin: "BEGIN DEFERRED", operation, body)
    }
}
