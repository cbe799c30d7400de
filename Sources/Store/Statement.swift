import CSQLite

/// A prepared statement owned by a `Connection`'s cache: bind, step, read columns, reset.
final class Statement {
    let handle: OpaquePointer
    private unowned let connection: Connection
    /// How many parameters the statement has.
    private let parameterCount: Int

    init(handle: OpaquePointer, connection: Connection) {
        self.handle = handle
        self.connection = connection
        parameterCount = Int(sqlite3_bind_parameter_count(handle))
    }

    /// Clears the previous use (cursor, and bindings unless every parameter is bound again) and binds
    /// `values` to parameters 1…n.
    func bind(_ values: [SQLValue], operation: String) throws(StoreError) {
        sqlite3_reset(handle)
        if values.count < parameterCount { sqlite3_clear_bindings(handle) }
        for (offset, value) in values.enumerated() {
            let code = bind(value, at: Int32(offset + 1))
            if code != SQLITE_OK { throw connection.error(code: code, operation: operation) }
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .int(let number):
            return sqlite3_bind_int64(handle, index, number)
        case .double(let number):
            return sqlite3_bind_double(handle, index, number)
        case .text(var text):
            return text.withUTF8 { buffer -> Int32 in
                guard let base = buffer.baseAddress, buffer.count > 0 else {
                    return wb_sqlite3_bind_text_transient(handle, index, "", 0)
                }
                guard buffer.count <= Int(Int32.max) else { return SQLITE_TOOBIG }
                let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                return wb_sqlite3_bind_text_transient(handle, index, chars, Int32(buffer.count))
            }
        case .blob(let bytes):
            guard bytes.count <= Int(Int32.max) else { return SQLITE_TOOBIG }
            return bytes.withUnsafeBytes { buffer -> Int32 in
                guard let base = buffer.baseAddress, buffer.count > 0 else {
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
                return wb_sqlite3_bind_blob_transient(handle, index, base, Int32(buffer.count))
            }
        }
    }

    /// Advances the cursor: `true` when a row is available, `false` when the statement is done.
    func step(operation: String) throws(StoreError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(code: code, operation: operation)
            reset()
            throw error
        }
    }

    /// Runs a statement that returns no rows, then resets it.
    func run(_ values: [SQLValue], operation: String) throws(StoreError) {
        try bind(values, operation: operation)
        defer { reset() }
        while try step(operation: operation) {}
    }

    /// Runs a query and maps each row; the statement is reset afterwards.
    func rows<T>(_ values: [SQLValue], operation: String, _ transform: (Statement) throws(StoreError) -> T) throws(StoreError) -> [T] {
        try bind(values, operation: operation)
        defer { reset() }
        var output: [T] = []
        while try step(operation: operation) {
            output.append(try transform(self))
        }
        return output
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: Columns (0-based)

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }

    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }

    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    func text(_ column: Int32) -> String? {
        guard !isNull(column) else { return nil }
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func blob(_ column: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Calls `body` with a column's bytes in SQLite's own buffer (valid only inside `body`), no copy.
    func withBytes<T, E: Error>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws(E) -> T) throws(E) -> T {
        guard let pointer = sqlite3_column_blob(handle, column) else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
