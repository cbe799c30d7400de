import Engine

/// The read behind `workbench diff`: only the columns a diff compares, so that comparing two runs
/// costs what their results hold, not what their exchanges hold.
extension RunStore {
    /// A run's results trimmed to what `RunDiffer` compares, in collection order: request id, outcome,
    /// status, Python exception, effects, the observed response (headers and the kept body) and the
    /// duration. Exchanges, assertions, captures, the group path, method, URL and transport error are
    /// left empty: use `results(runID:)` for a result in full.
    ///
    /// Bodies are read once per distinct (hash, kept length), not once per result.
    public func resultsForDiff(runID: Int64) throws(StoreError) -> [RequestResult] {
        try flush()
        return try connection.read("read results for a diff") { () throws(StoreError) -> [RequestResult] in
            let query = try connection.statement("""
                SELECT idx, request_id, name, outcome, python_error_type, python_error_message, effects, observed,
                    body_sha256, body_kept, started_at, duration_us
                FROM results WHERE run_id = ? ORDER BY idx
                """)
            let bodyQuery = try connection.statement("SELECT substr(data, 1, ?) FROM bodies WHERE sha256 = ?")
            var bodies: [BodyKey: [UInt8]] = [:]
            var last: (key: BodyKey, body: [UInt8])?
            var reuse = ColumnStringReuse()
            return try query.rows([.int(runID)], operation: "read results for a diff") {
                row throws(StoreError) -> RequestResult in
                let index = row.int(0)
                // Only errors name the place: building the text for every row cost more than decoding it.
                func column(_ name: String) -> String { "results.\(name) of run \(runID), request #\(index)" }
                var observed: ObservedResponse?
                if !row.isNull(7) {
                    var response = try row.withBytes(7) { bytes throws(StoreError) -> ObservedResponse in
                        if let direct = ColumnDirectDecoding.observed(bytes, reusing: &reuse) { return direct.response }
                        let value = try parseColumn(Array(bytes), column("observed"))
                        return try decode(column("observed")) { () throws(JSONColumnError) in
                            try ColumnCoding.observed(value).response
                        }
                    }
                    if let sha = row.text(8), !row.isNull(9) {
                        let key = BodyKey(sha256: sha, kept: row.int(9))
                        if let last, last.key == key {
                            response.body = last.body
                        } else if let body = bodies[key] {
                            response.body = body
                            last = (key, body)
                        } else {
                            let body = try bodyQuery.rows([.int(Int64(key.kept)), .text(sha)], operation: "read a body") {
                                body throws(StoreError) in body.blob(0)
                            }.first ?? []
                            bodies[key] = body
                            response.body = body
                            last = (key, body)
                        }
                    }
                    observed = response
                }
                let effects = try row.withBytes(6) { bytes throws(StoreError) -> [Effect] in
                    if let direct = ColumnDirectDecoding.effects(bytes) { return direct }
                    let value = try parseColumn(Array(bytes), column("effects"))
                    return try decode(column("effects")) { () throws(JSONColumnError) in
                        try ColumnCoding.effects(value)
                    }
                }
                return RequestResult(
                    index: index, requestID: row.text(1) ?? "", name: row.text(2) ?? "", groupPath: [],
                    method: "", url: "", observed: observed,
                    pythonError: row.text(4).map { PythonError(type: $0, message: row.text(5) ?? "") },
                    effects: effects, outcome: try enumValue(Outcome.self, row.text(3), column("outcome")),
                    startedAt: row.double(10), durationMicros: row.int64(11))
            }
        }
    }

    /// A JSON column's bytes (SQLite hands TEXT over as bytes, no `String` in between), parsed.
    private func parseColumn(_ bytes: [UInt8], _ column: String) throws(StoreError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes, file: "<column>")
        } catch {
            throw StoreError.corrupt(path: path, detail: "\(column): \(error.message)")
        }
    }
}

/// A stored body as a result keeps it: its hash and how many bytes were kept.
private struct BodyKey: Hashable {
    var sha256: String
    var kept: Int
}
