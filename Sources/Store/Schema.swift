/// The database schema as an ordered list of migrations; `PRAGMA user_version` records how many ran.
///
/// Never edit a shipped step: append a new one. Each step runs in its own `BEGIN IMMEDIATE` transaction
/// together with the `user_version` bump, so a crash or a concurrent opener never sees half a migration.
/// docs/storage.md documents the tables.
enum Schema {
    static let migrations: [String] = [
        // 1: runs, results, exchanges, bodies.
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            group_id TEXT,
            collection_name TEXT NOT NULL,
            collection_path TEXT NOT NULL,
            collection_hash TEXT NOT NULL,
            profile TEXT NOT NULL,
            profile_definition TEXT,
            mode TEXT NOT NULL,
            origin TEXT,
            credentials TEXT NOT NULL,
            cross_origin_isolated INTEGER NOT NULL,
            strict INTEGER NOT NULL,
            environment TEXT,
            started_at REAL NOT NULL,
            ended_at REAL,
            status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            jobs INTEGER NOT NULL,
            shard TEXT,
            request_count INTEGER NOT NULL,
            passed INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            errored INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            duration_us INTEGER
        );
        CREATE INDEX runs_by_started ON runs (started_at DESC, id DESC);
        CREATE INDEX runs_by_collection_path ON runs (collection_path, profile, started_at DESC);
        CREATE INDEX runs_by_collection_name ON runs (collection_name, started_at DESC);
        CREATE INDEX runs_by_group ON runs (group_id) WHERE group_id IS NOT NULL;
        CREATE INDEX runs_running ON runs (host) WHERE status = 'running';

        CREATE TABLE results (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            request_id TEXT NOT NULL,
            name TEXT NOT NULL,
            group_path TEXT NOT NULL,
            method TEXT NOT NULL,
            url TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed', 'errored', 'skipped')),
            status INTEGER,
            python_error_type TEXT,
            python_error_message TEXT,
            error_kind TEXT,
            error_message TEXT,
            error_curl_code INTEGER,
            effects TEXT NOT NULL,
            assertions TEXT NOT NULL,
            captures TEXT NOT NULL,
            expectation_note TEXT,
            observed TEXT,
            body_sha256 TEXT,
            body_kept INTEGER,
            started_at REAL NOT NULL,
            duration_us INTEGER NOT NULL,
            UNIQUE (run_id, idx)
        );
        CREATE INDEX results_by_request ON results (request_id, run_id);
        CREATE INDEX results_by_body ON results (body_sha256) WHERE body_sha256 IS NOT NULL;

        CREATE TABLE exchanges (
            id INTEGER PRIMARY KEY,
            result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            method TEXT NOT NULL,
            url TEXT NOT NULL,
            request_headers TEXT NOT NULL,
            request_body_size INTEGER NOT NULL,
            http_version TEXT,
            status INTEGER,
            reason TEXT,
            response_headers TEXT,
            body_size INTEGER,
            body_sha256 TEXT,
            body_kept INTEGER,
            body_truncated INTEGER,
            redirect_url TEXT,
            t_dns INTEGER NOT NULL,
            t_connect INTEGER NOT NULL,
            t_tls INTEGER NOT NULL,
            t_pretransfer INTEGER NOT NULL,
            t_first_byte INTEGER NOT NULL,
            t_total INTEGER NOT NULL,
            remote_address TEXT,
            remote_port INTEGER,
            started_at REAL NOT NULL,
            error_kind TEXT,
            error_message TEXT,
            error_curl_code INTEGER,
            UNIQUE (result_id, seq)
        );
        CREATE INDEX exchanges_by_body ON exchanges (body_sha256) WHERE body_sha256 IS NOT NULL;

        CREATE TABLE bodies (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        """,
        // 2: a global identity for runs, so `workbench merge` folds databases without duplicates.
        // Runs written before this step get a fresh random uid here; new runs get one in `beginRun`.
        """
        ALTER TABLE runs ADD COLUMN uid TEXT;
        UPDATE runs SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
        CREATE UNIQUE INDEX runs_by_uid ON runs (uid);
        """,
        // 3: no index on the body hash of results and exchanges. Only pruning looked bodies up by it, and it now
        // collects the referenced hashes once; the two indexes cost every stored result two inserts of a
        // 64-character key.
        """
        DROP INDEX IF EXISTS results_by_body;
        DROP INDEX IF EXISTS exchanges_by_body;
        """,
    ]

    /// The schema version this binary writes (the number of migrations).
    static var currentVersion: Int { migrations.count }
}
