#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What one `merge(from:)` did.
public struct MergeSummary: Sendable, Hashable {
    /// The source database file.
    public var source: String
    /// Ids (in this database) of the runs copied, in the order they started.
    public var copiedRunIDs: [Int64] = []
    /// Runs of the source this database already held (same uid): merged before, or copied from here.
    public var alreadyPresent = 0
    /// Runs of the source still `running`, left out so that a later merge copies them finished.
    public var skippedRunning = 0
    /// Results copied with the runs.
    public var results = 0
    /// Bodies this database did not hold before.
    public var newBodies = 0

    public init(source: String) { self.source = source }
}

/// Folding runs written elsewhere (other CI machines, other shards) into this database.
///
/// Runs are matched by `runs.uid`, a random 128-bit id given when a run begins (schema step 2), so merging
/// the same file twice, or files that already share runs, adds nothing twice. Each source is copied in one
/// transaction: its runs get new ids here, results and exchanges follow them, bodies are stored once by hash
/// (the longest kept prefix wins, as when writing), `group_id`, `shard`, host and times are kept.
extension RunStore {
    /// Copies every finished run of the database at `sourcePath` that this one does not hold yet.
    ///
    /// The source is opened as a store first, so an older schema is migrated (and gets run uids) before copying.
    public func merge(from sourcePath: String) throws(StoreError) -> MergeSummary {
        guard let sourceFile = FileIdentity(path: sourcePath) else {
            throw StoreError.cannotOpen(path: sourcePath, reason: "there is no such file")
        }
        if FileIdentity(path: path) == sourceFile {
            throw StoreError.cannotOpen(path: sourcePath, reason: "it is the target database itself")
        }
        try flush()
        // Migrates the source to this binary's schema (or refuses a newer one), then closes it.
        _ = try RunStore.open(path: sourcePath)
        let attach = try connection.statement("ATTACH DATABASE ? AS merge_source")
        try attach.run([.text(sourcePath)], operation: "attach \(sourcePath)")
        defer {
            connection.resetAll()
            try? connection.execute("DETACH DATABASE merge_source", operation: "detach \(sourcePath)")
        }
        let runColumns = try sharedColumns("runs", excluding: ["id"])
        let resultColumns = try sharedColumns("results", excluding: ["id", "run_id"])
        let exchangeColumns = try sharedColumns("exchanges", excluding: ["id", "result_id"])
        return try connection.transaction("merge \(sourcePath)") { () throws(StoreError) -> MergeSummary in
            var summary = MergeSummary(source: sourcePath)
            let bodiesBefore = try count("SELECT COUNT(*) FROM main.bodies")
            let runs = try connection.statement(
                "SELECT id, uid, status FROM merge_source.runs ORDER BY started_at, id"
            ).rows([], operation: "list the runs of \(sourcePath)") { row in
                (id: row.int64(0), uid: row.text(1) ?? "", status: row.text(2) ?? "")
            }
            let present = try connection.statement("SELECT 1 FROM main.runs WHERE uid = ?")
            for run in runs {
                if try !present.rows([.text(run.uid)], operation: "look a run up by uid", { _ in true }).isEmpty {
                    summary.alreadyPresent += 1
                    continue
                }
                if run.status == "running" {
                    summary.skippedRunning += 1
                    continue
                }
                let newID = try copyRun(run.id, runColumns: runColumns, resultColumns: resultColumns,
                                        exchangeColumns: exchangeColumns, results: &summary.results)
                summary.copiedRunIDs.append(newID)
            }
            summary.newBodies = try count("SELECT COUNT(*) FROM main.bodies") - bodiesBefore
            return summary
        }
    }

    /// Copies one source run with its results, exchanges and bodies; returns its id here.
    private func copyRun(_ sourceID: Int64, runColumns: [String], resultColumns: [String], exchangeColumns: [String],
                         results: inout Int) throws(StoreError) -> Int64 {
        let list = runColumns.map(quoted).joined(separator: ", ")
        try connection.statement("INSERT INTO main.runs (\(list)) SELECT \(list) FROM merge_source.runs WHERE id = ?")
            .run([.int(sourceID)], operation: "copy a run")
        let newID = connection.lastInsertRowID

        let resultList = resultColumns.map(quoted).joined(separator: ", ")
        try connection.statement("""
            INSERT INTO main.results (run_id, \(resultList))
            SELECT ?, \(resultList) FROM merge_source.results WHERE run_id = ? ORDER BY idx
            """).run([.int(newID), .int(sourceID)], operation: "copy a run's results")
        results += connection.changes

        // Results are matched by (run, idx), which is unique, so exchanges follow their result in one statement.
        let exchangeList = exchangeColumns.map(quoted).joined(separator: ", ")
        let sourceExchangeList = exchangeColumns.map { "e." + quoted($0) }.joined(separator: ", ")
        try connection.statement("""
            INSERT INTO main.exchanges (result_id, \(exchangeList))
            SELECT t.id, \(sourceExchangeList)
            FROM merge_source.exchanges e
            JOIN merge_source.results s ON s.id = e.result_id
            JOIN main.results t ON t.run_id = ? AND t.idx = s.idx
            WHERE s.run_id = ?
            ORDER BY e.result_id, e.seq
            """).run([.int(newID), .int(sourceID)], operation: "copy a run's exchanges")

        try connection.statement("""
            INSERT INTO main.bodies (sha256, size, data)
            SELECT b.sha256, b.size, b.data FROM merge_source.bodies b
            WHERE b.sha256 IN (
                SELECT body_sha256 FROM merge_source.results WHERE run_id = ?1 AND body_sha256 IS NOT NULL
                UNION
                SELECT e.body_sha256 FROM merge_source.exchanges e JOIN merge_source.results r ON r.id = e.result_id
                WHERE r.run_id = ?1 AND e.body_sha256 IS NOT NULL)
            ON CONFLICT (sha256) DO UPDATE SET data = excluded.data WHERE length(excluded.data) > length(bodies.data)
            """).run([.int(sourceID)], operation: "copy a run's bodies")
        return newID
    }

    /// The columns of `table` that both databases have, minus `excluding`: a source written by an older
    /// schema (already migrated on open) or a target with extra columns still merge.
    private func sharedColumns(_ table: String, excluding: Set<String>) throws(StoreError) -> [String] {
        func columns(_ schema: String) throws(StoreError) -> [String] {
            try connection.statement("SELECT name FROM pragma_table_info(?, ?) ORDER BY cid")
                .rows([.text(table), .text(schema)], operation: "read the columns of \(table)") { row in row.text(0) ?? "" }
        }
        let target = try columns("main")
        let source = Set(try columns("merge_source"))
        return target.filter { source.contains($0) && !excluding.contains($0) }
    }

    private func count(_ sql: String) throws(StoreError) -> Int {
        try connection.statement(sql).rows([], operation: "count") { row in row.int(0) }.first ?? 0
    }

    private func quoted(_ column: String) -> String {
        "\"" + column.replacingDoubleQuotes() + "\""
    }
}

extension String {
    /// Doubles every `"`, for an SQL identifier in double quotes.
    fileprivate func replacingDoubleQuotes() -> String {
        var out = ""
        for character in self {
            if character == "\"" { out.append("\"\"") } else { out.append(character) }
        }
        return out
    }
}

/// A file's device and inode, to tell whether two paths name one database.
private struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
