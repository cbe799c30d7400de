import Engine

/// History queries: lists of runs, one run in full, a run's results with their exchanges and bodies.
extension RunStore {
    /// Columns of `RunSummary`, in the order `summary(from:)` reads them.
    static let summaryColumns = """
        id, group_id, collection_name, collection_path, profile, environment, mode, origin, started_at, ended_at,
        status, passed, failed, errored, skipped, duration_us, host
        """

    /// Runs matching `filter`, newest first (by start time, then id).
    public func listRuns(_ filter: RunFilter) throws(StoreError) -> [RunSummary] {
        try flush()
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let collection = filter.collection {
            conditions.append("(collection_name = ? OR collection_path = ?)")
            values += [.text(collection), .text(collection)]
        }
        if let profile = filter.profile {
            conditions.append("profile = ?")
            values.append(.text(profile))
        }
        if let environment = filter.environment {
            conditions.append("environment = ?")
            values.append(.text(environment))
        }
        if let since = filter.since {
            conditions.append("started_at >= ?")
            values.append(.double(since))
        }
        if filter.failedOnly {
            conditions.append("(failed > 0 OR errored > 0 OR status IN ('failed', 'interrupted'))")
        }
        if let groupID = filter.groupID {
            conditions.append("group_id = ?")
            values.append(.text(groupID))
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        values.append(.int(max(filter.limit ?? -1, -1)))
        let query = try connection.statement(
            "SELECT \(Self.summaryColumns) FROM runs \(whereClause) ORDER BY started_at DESC, id DESC LIMIT ?")
        return try query.rows(values, operation: "list runs") { row throws(StoreError) in try summary(from: row) }
    }

    /// One run in full, or `nil` when there is no run with this id.
    public func run(id: Int64) throws(StoreError) -> StoredRun? {
        try flush()
        let query = try connection.statement("""
            SELECT \(Self.summaryColumns), collection_hash, profile_definition, credentials, cross_origin_isolated, strict,
                jobs, shard, request_count, pid
            FROM runs WHERE id = ?
            """)
        return try query.rows([.int(id)], operation: "read a run") { row throws(StoreError) -> StoredRun in
            let summary = try summary(from: row)
            let definition = try row.text(18).map { text throws(StoreError) in
                try decode("runs.profile_definition of run \(summary.id)") { () throws(JSONColumnError) in
                    try ColumnCoding.parse(text)
                }
            }
            let credentials = try enumValue(CredentialsMode.self, row.text(19), "runs.credentials of run \(summary.id)")
            let settings = RunSettings(mode: summary.mode, origin: summary.origin, credentials: credentials,
                                       crossOriginIsolated: row.bool(20), strict: row.bool(21))
            let info = RunInfo(collectionName: summary.collectionName, collectionPath: summary.collectionPath,
                               collectionHash: row.text(17) ?? "", profile: summary.profile, profileDefinition: definition,
                               settings: settings, environment: summary.environment, startedAt: summary.startedAt,
                               host: summary.host, groupID: summary.groupID, jobs: row.int(22), shard: row.text(23))
            return StoredRun(summary: summary, info: info, plannedRequests: row.int(24), pid: row.int(25))
        }.first
    }

    /// The newest run of a collection (by path) under a profile that is no longer being written.
    public func latestRun(collectionPath: String, profile: String) throws(StoreError) -> RunSummary? {
        try flush()
        let query = try connection.statement("""
            SELECT \(Self.summaryColumns) FROM runs
            WHERE collection_path = ? AND profile = ? AND status != 'running'
            ORDER BY started_at DESC, id DESC LIMIT 1
            """)
        return try query.rows([.text(collectionPath), .text(profile)], operation: "find the latest run") {
            row throws(StoreError) in try summary(from: row)
        }.first
    }

    /// Turns `42`, `last` or `last~N` (the N-th run before the last) into a run id.
    public func resolveRun(_ reference: String) throws(StoreError) -> Int64 {
        try flush()
        let text = reference.trimmingBlanks()
        if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            guard let id = Int64(text) else { throw StoreError.invalidReference(reference) }
            let query = try connection.statement("SELECT id FROM runs WHERE id = ?")
            guard let found = try query.rows([.int(id)], operation: "find a run", { row in row.int64(0) }).first else {
                throw StoreError.notFound(path: path, reference: text, detail: "there is no run with this id")
            }
            return found
        }
        let offset: Int
        if text == "last" {
            offset = 0
        } else if text.hasPrefix("last~"), let back = Int(text.dropFirst(5)), back >= 0,
                  text.dropFirst(5).utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            offset = back
        } else {
            throw StoreError.invalidReference(reference)
        }
        let query = try connection.statement("SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET ?")
        if let found = try query.rows([.int(offset)], operation: "find a run", { row in row.int64(0) }).first {
            return found
        }
        let count = try connection.statement("SELECT COUNT(*) FROM runs")
            .rows([], operation: "count runs") { row in row.int(0) }.first ?? 0
        let detail = count == 0 ? "the database holds no runs yet"
            : "only \(count) run\(count == 1 ? " is" : "s are") stored (last~\(count - 1) is the oldest)"
        throw StoreError.notFound(path: path, reference: text, detail: detail)
    }

    // MARK: Row decoding

    func summary(from row: Statement) throws(StoreError) -> RunSummary {
        let id = row.int64(0)
        return RunSummary(
            id: id, groupID: row.text(1), collectionName: row.text(2) ?? "", collectionPath: row.text(3) ?? "",
            profile: row.text(4) ?? "", environment: row.text(5),
            mode: try enumValue(ClientMode.self, row.text(6), "runs.mode of run \(id)"), origin: row.text(7),
            startedAt: row.double(8), endedAt: row.optionalDouble(9),
            status: try enumValue(RunStatus.self, row.text(10), "runs.status of run \(id)"),
            counts: RunCounts(passed: row.int(11), failed: row.int(12), errored: row.int(13), skipped: row.int(14)),
            durationMicros: row.optionalInt64(15), host: row.text(16) ?? "")
    }

    /// A stored enum raw value, or `corrupt` naming the column when this binary does not know it.
    /// The column's name is built only for the error (reads call this for every row).
    func enumValue<T: RawRepresentable>(_ type: T.Type, _ text: String?, _ column: @autoclosure () -> String) throws(StoreError) -> T
    where T.RawValue == String {
        guard let text, let value = T(rawValue: text) else {
            throw StoreError.corrupt(path: path, detail: "\(column()) holds '\(text ?? "NULL")', which this workbench does not know")
        }
        return value
    }

    /// Runs a JSON column decoder, naming the column in the error.
    func decode<T>(_ column: String, _ body: () throws(JSONColumnError) -> T) throws(StoreError) -> T {
        do throws(JSONColumnError) {
            return try body()
        } catch {
            throw StoreError.corrupt(path: path, detail: "\(column): \(error.message)")
        }
    }
}

fileprivate extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingBlanks() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
