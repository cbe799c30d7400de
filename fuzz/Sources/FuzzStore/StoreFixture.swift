import Engine
import FuzzSQLite
import Store

#if canImport(Glibc)
import Glibc
#endif

/// The temporary database the store target damages and reads, opened once per process.
final class StoreFixture {
    /// Every column the reader decodes, as `table.column`.
    static let columns: [(table: String, column: String)] = [
        ("runs", "collection_name"), ("runs", "profile"), ("runs", "profile_definition"), ("runs", "mode"),
        ("runs", "origin"), ("runs", "credentials"), ("runs", "cross_origin_isolated"), ("runs", "strict"),
        ("runs", "environment"), ("runs", "started_at"), ("runs", "ended_at"), ("runs", "status"), ("runs", "pid"),
        ("runs", "jobs"), ("runs", "shard"), ("runs", "request_count"), ("runs", "passed"), ("runs", "group_id"),
        ("runs", "uid"),
        ("results", "idx"), ("results", "request_id"), ("results", "group_path"), ("results", "method"),
        ("results", "outcome"), ("results", "status"), ("results", "python_error_type"), ("results", "error_kind"),
        ("results", "error_curl_code"), ("results", "effects"), ("results", "assertions"), ("results", "captures"),
        ("results", "observed"), ("results", "body_sha256"), ("results", "body_kept"), ("results", "started_at"),
        ("results", "duration_us"),
        ("exchanges", "kind"), ("exchanges", "request_headers"), ("exchanges", "request_body_size"),
        ("exchanges", "http_version"), ("exchanges", "status"), ("exchanges", "response_headers"),
        ("exchanges", "body_size"), ("exchanges", "body_sha256"), ("exchanges", "body_kept"),
        ("exchanges", "body_truncated"), ("exchanges", "redirect_url"), ("exchanges", "t_total"),
        ("exchanges", "remote_port"), ("exchanges", "error_kind"), ("exchanges", "seq"),
        ("bodies", "data"), ("bodies", "size"), ("bodies", "sha256"),
    ]

    nonisolated(unsafe) static let shared: StoreFixture? = StoreFixture()

    let directory: String
    let store: RunStore
    let runID: Int64
    private let db: OpaquePointer

    private init?() {
        let dir = "/tmp/workbench-fuzz-store-\(getpid())"
        mkdir(dir, 0o700)
        let path = dir + "/fuzz.db"
        unlink(path)
        directory = dir
        guard let store = try? RunStore.open(path: path) else { return nil }
        self.store = store
        guard let runID = try? StoreSample.write(into: store) else { return nil }
        self.runID = runID
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let handle else { return nil }
        sqlite3_busy_timeout(handle, 5000)
        // The damaging writes need no durability (the file is thrown away); it makes the target faster.
        sqlite3_exec(handle, "PRAGMA synchronous = OFF", nil, nil, nil)
        db = handle
        // libFuzzer ends the process with exit(): remove the temporary database then.
        atexit {
            guard let directory = StoreFixture.shared?.directory else { return }
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(directory + "/fuzz.db" + suffix) }
            rmdir(directory)
        }
    }

    /// The old value of a damaged cell, to put back.
    struct Saved {
        var table: String
        var column: String
        var rowid: Int64
        var value: OpaquePointer
    }

    /// Overwrites `table.column` of the `row`-th row with `payload` decoded as `kind`; nil when the row does not
    /// exist or SQLite refuses the value (a CHECK or NOT NULL constraint): nothing to read then.
    func overwrite(_ target: (table: String, column: String), row: Int, kind: Int, payload: [UInt8]) -> Saved? {
        let select = "SELECT rowid, \(target.column) FROM \(target.table) ORDER BY rowid LIMIT 1 OFFSET \(row)"
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, select, -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW, let old = sqlite3_value_dup(sqlite3_column_value(statement, 1)) else {
            return nil
        }
        let saved = Saved(table: target.table, column: target.column, rowid: sqlite3_column_int64(statement, 0), value: old)
        let done = update(saved) { update in
            switch kind {
            case 0: return payload.withUnsafeBytes { sqlite3_bind_blob(update, 1, $0.baseAddress, Int32($0.count), transient) }
            case 1: return payload.withUnsafeBytes {
                sqlite3_bind_text(update, 1, $0.baseAddress?.assumingMemoryBound(to: CChar.self), Int32($0.count), transient)
            }
            case 2: return sqlite3_bind_int64(update, 1, payload.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) })
            case 3: return sqlite3_bind_double(update, 1, Double(bitPattern: payload.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }))
            default: return sqlite3_bind_null(update, 1)
            }
        }
        guard done else {
            sqlite3_value_free(old)
            return nil
        }
        return saved
    }

    func restore(_ saved: Saved) {
        _ = update(saved) { sqlite3_bind_value($0, 1, saved.value) }
        sqlite3_value_free(saved.value)
    }

    private func update(_ saved: Saved, bind: (OpaquePointer) -> Int32) -> Bool {
        let sql = "UPDATE \(saved.table) SET \(saved.column) = ? WHERE rowid = ?"
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else { return false }
        defer { sqlite3_finalize(statement) }
        guard bind(statement) == SQLITE_OK, sqlite3_bind_int64(statement, 2, saved.rowid) == SQLITE_OK else { return false }
        return sqlite3_step(statement) == SQLITE_DONE
    }

    /// Every public read of the store; each may throw a `StoreError`, none may crash.
    func readEverything() {
        _ = try? store.listRuns(RunFilter())
        _ = try? store.listRuns(RunFilter(limit: 1, profile: "native", failedOnly: true))
        _ = try? store.run(id: runID)
        _ = try? store.results(runID: runID)
        _ = try? store.latestRun(collectionPath: StoreSample.collectionPath, profile: "native")
        _ = try? store.resolveRun("last")
        _ = try? store.resolveRun("last~1")
        _ = try? store.trend(requestID: "users/create")
        _ = try? store.trend(requestID: "dns", profile: "native", limit: 3)
    }
}

/// SQLite's SQLITE_TRANSIENT (a macro Swift cannot import): SQLite copies the bound bytes.
let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
