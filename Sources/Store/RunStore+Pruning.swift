/// Pruning history (`workbench history prune`): delete runs, drop bodies nothing references, `VACUUM`.
extension RunStore {
    /// Deletes every finished run except the newest `keepLast`; runs still being written are kept.
    /// Returns the number of runs deleted.
    @discardableResult
    public func deleteRuns(keepLast: Int) throws(StoreError) -> Int {
        try prune("""
            DELETE FROM runs WHERE status != 'running'
                AND id NOT IN (SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT ?)
            """, [.int(max(keepLast, 0))])
    }

    /// Deletes every finished run started before `cutoff` (seconds since 1970); runs still being written are kept.
    /// Returns the number of runs deleted.
    @discardableResult
    public func deleteRuns(olderThan cutoff: Double) throws(StoreError) -> Int {
        try prune("DELETE FROM runs WHERE status != 'running' AND started_at < ?", [.double(cutoff)])
    }

    private func prune(_ delete: String, _ values: [SQLValue]) throws(StoreError) -> Int {
        try flush()
        let deleted = try connection.transaction("prune runs") { () throws(StoreError) -> Int in
            // Results and exchanges go with their run (ON DELETE CASCADE).
            try connection.statement(delete).run(values, operation: "delete runs")
            let count = connection.changes
            try connection.statement("""
                DELETE FROM bodies
                WHERE sha256 NOT IN (
                    SELECT body_sha256 FROM results WHERE body_sha256 IS NOT NULL
                    UNION SELECT body_sha256 FROM exchanges WHERE body_sha256 IS NOT NULL)
                """).run([], operation: "delete unreferenced bodies")
            return count
        }
        if deleted > 0 {
            connection.resetAll()
            try connection.execute("VACUUM", operation: "compact the database (VACUUM)")
            // VACUUM's pages go through the WAL; checkpoint so the file itself shrinks now (best effort:
            // a concurrent reader may keep part of the WAL until it finishes).
            try? connection.execute("PRAGMA wal_checkpoint(TRUNCATE)", operation: "checkpoint")
        }
        return deleted
    }
}
