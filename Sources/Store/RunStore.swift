import CSQLite
import Engine

/// The run history database: a thin layer over sqlite3 that writes runs as they go and answers history queries.
///
/// Not `Sendable`: one `RunStore` belongs to one thread. Several stores (in one process or several) may
/// write one file at once; each write transaction is `BEGIN IMMEDIATE` and waits up to the busy timeout.
public final class RunStore {
    /// Milliseconds a write waits for another writer's lock before failing with `StoreError.locked`.
    public static let busyTimeoutMillis: Int32 = 5000

    /// The database file.
    public let path: String
    let connection: Connection

    // Buffered writes (see RunStore+Writing.swift).
    var pending: [(runID: Int64, result: RequestResult)] = []
    var pendingCounts: [Int64: RunCounts] = [:]
    var lastCommitNanos: UInt64
    /// Bodies stored by the batch being committed, with the bytes kept, so a repeated body is not re-sent.
    var knownBodies: [String: Int] = [:]
    /// A batch commits when it holds this many results…
    var batchLimit = 500
    /// …or when this many nanoseconds have passed since the last commit.
    var batchIntervalNanos: UInt64 = 100_000_000

    private init(path: String, connection: Connection) {
        self.path = path
        self.connection = connection
        lastCommitNanos = POSIX.monotonicNanos()
    }

    deinit {
        // Best effort: a store dropped without `finishRun` still commits what it buffered.
        try? flush()
    }

    /// Opens the database at `path`, creating it (mode 0600, parent directories 0700) and its schema if needed,
    /// and marks runs left `running` by a dead process on this host as `interrupted`.
    public static func open(path: String) throws(StoreError) -> RunStore {
        try open(path: path, busyTimeoutMillis: busyTimeoutMillis)
    }

    /// `open(path:)` with another busy timeout (tests use a short one).
    static func open(path: String, busyTimeoutMillis: Int32) throws(StoreError) -> RunStore {
        guard !path.isEmpty else { throw StoreError.cannotOpen(path: path, reason: "the path is empty") }
        let directory = POSIX.parentDirectory(of: path)
        if let code = POSIX.makeDirectories(directory) {
            throw StoreError.cannotOpen(path: path, reason: "cannot create the directory \(directory): \(POSIX.errorText(code))")
        }
        if let code = POSIX.createPrivateFile(path) {
            throw StoreError.cannotOpen(path: path, reason: POSIX.errorText(code))
        }
        let connection = try Connection.open(path: path, busyTimeoutMillis: busyTimeoutMillis)
        let store = RunStore(path: path, connection: connection)
        try retryingWhileLocked(timeoutMillis: busyTimeoutMillis) { () throws(StoreError) in
            try configure(connection)
            try migrate(connection)
            try store.markDeadWritersInterrupted()
        }
        return store
    }

    /// Runs the opening steps again while another connection holds a lock they cannot wait for.
    ///
    /// SQLite's busy handler does not cover every step of opening: switching a new file to WAL takes an
    /// exclusive lock at once and fails while another opener reads the header, and a deferred read that
    /// turns into a write is refused rather than waited for. Each step is idempotent, so on `locked` the
    /// whole sequence is retried with a short, growing pause until the busy timeout has passed.
    private static func retryingWhileLocked(timeoutMillis: Int32, _ steps: () throws(StoreError) -> Void) throws(StoreError) {
        let deadline = POSIX.monotonicNanos() + UInt64(max(timeoutMillis, 0)) * 1_000_000
        var pauseMicros: UInt32 = 2_000
        while true {
            do throws(StoreError) {
                try steps()
                return
            } catch {
                guard case .locked = error, POSIX.monotonicNanos() < deadline else { throw error }
                POSIX.sleep(micros: pauseMicros + UInt32.random(in: 0...pauseMicros))
                pauseMicros = min(pauseMicros * 2, 50_000)
            }
        }
    }

    /// Where the database lives: `$WORKBENCH_DB`, else `$XDG_DATA_HOME/workbench/workbench.db`,
    /// else `~/.local/share/workbench/workbench.db`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let explicit = environment["WORKBENCH_DB"], !explicit.isEmpty { return explicit }
        // The XDG spec says a relative value is invalid and must be ignored.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return join(data, "workbench/workbench.db")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? POSIX.homeDirectory() ?? "."
        return join(home, ".local/share/workbench/workbench.db")
    }

    /// This machine's host name, as `runs.host` should hold it for dead-writer detection to work.
    public static func currentHost() -> String { POSIX.hostName() }

    private static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    private static func configure(_ connection: Connection) throws(StoreError) {
        try connection.execute("PRAGMA foreign_keys = ON", operation: "configure")
        // WAL persists in the file: switch only a file not yet in WAL, since the switch needs an exclusive
        // lock that SQLite takes without waiting (see `retryingWhileLocked`).
        let mode = try connection.statement("PRAGMA journal_mode").rows([], operation: "read the journal mode") { row in row.text(0) ?? "" }
        if mode.first?.lowercased() != "wal" {
            try connection.execute("PRAGMA journal_mode = WAL", operation: "switch to WAL")
        }
        try connection.execute("PRAGMA synchronous = NORMAL", operation: "configure")
    }

    private static func schemaVersion(_ connection: Connection) throws(StoreError) -> Int {
        let statement = try connection.statement("PRAGMA user_version")
        let versions = try statement.rows([], operation: "read the schema version") { row in row.int(0) }
        return versions.first ?? 0
    }

    /// Applies the migrations this file has not had, each in its own transaction with its version bump.
    private static func migrate(_ connection: Connection) throws(StoreError) {
        let supported = Schema.currentVersion
        var version = try schemaVersion(connection)
        if version > supported {
            throw StoreError.schemaTooNew(path: connection.path, version: version, supported: supported)
        }
        while version < supported {
            version = try connection.transaction("migrate the schema") { () throws(StoreError) -> Int in
                // Re-read under the write lock: another process may have migrated meanwhile.
                let current = try schemaVersion(connection)
                if current > supported {
                    throw StoreError.schemaTooNew(path: connection.path, version: current, supported: supported)
                }
                guard current < supported else { return current }
                try connection.execute(Schema.migrations[current], operation: "migrate the schema to version \(current + 1)")
                try connection.execute("PRAGMA user_version = \(current + 1)", operation: "record schema version \(current + 1)")
                return current + 1
            }
        }
    }

    /// Runs still `running` on this host whose process is gone become `interrupted`, ending at their last result.
    func markDeadWritersInterrupted() throws(StoreError) {
        let host = POSIX.hostName()
        let running = try connection.statement("SELECT id, pid FROM runs WHERE status = 'running' AND host = ?")
        let candidates = try running.rows([.text(host)], operation: "find unfinished runs") { row in
            (id: row.int64(0), pid: row.int(1))
        }
        let dead = candidates.filter { !POSIX.processIsAlive($0.pid) }
        guard !dead.isEmpty else { return }
        try connection.transaction("mark interrupted runs") { () throws(StoreError) in
            for run in dead {
                try Self.closeRun(connection, id: run.id)
            }
        }
    }

    /// Marks one `running` run interrupted, with counts recounted from its committed results.
    private static func closeRun(_ connection: Connection, id: Int64) throws(StoreError) {
        let end = try connection.statement("""
            UPDATE runs SET status = 'interrupted',
                ended_at = COALESCE((SELECT MAX(started_at + duration_us / 1e6) FROM results WHERE run_id = runs.id), started_at),
                passed = (SELECT COUNT(*) FROM results WHERE run_id = runs.id AND outcome = 'passed'),
                failed = (SELECT COUNT(*) FROM results WHERE run_id = runs.id AND outcome = 'failed'),
                errored = (SELECT COUNT(*) FROM results WHERE run_id = runs.id AND outcome = 'errored'),
                skipped = (SELECT COUNT(*) FROM results WHERE run_id = runs.id AND outcome = 'skipped')
            WHERE id = ? AND status = 'running'
            """)
        try end.run([.int(id)], operation: "mark a run interrupted")
        let duration = try connection.statement(
            "UPDATE runs SET duration_us = CAST(round((ended_at - started_at) * 1e6) AS INTEGER) WHERE id = ?")
        try duration.run([.int(id)], operation: "mark a run interrupted")
    }
}

extension RunStore {
    /// The version of the SQLite library in use (`3.40.1`), for `workbench --version`.
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}
