import Engine

/// Writing a run as it goes: one row when it begins, results in batched transactions, the verdict at the end.
extension RunStore {
    /// Records a new run with status `running` (this process's pid) and returns its id.
    public func beginRun(_ info: RunInfo, plannedRequests: Int) throws(StoreError) -> Int64 {
        let values: [SQLValue] = [
            .text(info.groupID), .text(info.collectionName), .text(info.collectionPath), .text(info.collectionHash),
            .text(info.profile), .text(info.profileDefinition?.serialized()), .text(info.settings.mode.rawValue),
            .text(info.settings.origin), .text(info.settings.credentials.rawValue),
            .bool(info.settings.crossOriginIsolated), .bool(info.settings.strict), .text(info.environment),
            .double(info.startedAt), .text(info.host), .int(POSIX.currentPID()), .int(info.jobs), .text(info.shard),
            .int(plannedRequests),
        ]
        return try connection.transaction("begin a run") { () throws(StoreError) -> Int64 in
            let insert = try connection.statement("""
                INSERT INTO runs (group_id, collection_name, collection_path, collection_hash, profile, profile_definition,
                    mode, origin, credentials, cross_origin_isolated, strict, environment, started_at, status, host, pid,
                    jobs, shard, request_count, uid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, lower(hex(randomblob(16))))
                """)
            try insert.run(values, operation: "begin a run")
            return connection.lastInsertRowID
        }
    }

    /// Buffers one result; the buffer is committed every `batchLimit` (500) results or once 100 ms have
    /// passed since the last commit, so a `kill -9` loses at most the last batch.
    public func append(runID: Int64, result: RequestResult) throws(StoreError) {
        pending.append((runID, result))
        pendingCounts[runID, default: RunCounts()].add(result.outcome)
        let now = POSIX.monotonicNanos()
        if pending.count >= batchLimit || now &- lastCommitNanos >= batchIntervalNanos {
            try flush()
        }
    }

    /// Commits the buffered results (and the runs' running counts) in one transaction.
    ///
    /// When the commit fails because another writer held the lock past the busy timeout, the batch stays
    /// buffered so a later `flush` can retry it; after any other failure the batch is dropped.
    public func flush() throws(StoreError) {
        guard !pending.isEmpty else {
            lastCommitNanos = POSIX.monotonicNanos()
            return
        }
        // Bodies known within this transaction only: between transactions another process may prune them.
        knownBodies.removeAll(keepingCapacity: true)
        do throws(StoreError) {
            try connection.transaction("store results") { () throws(StoreError) in
                for item in pending {
                    try insert(item.result, runID: item.runID)
                }
                let update = try connection.statement("""
                    UPDATE runs SET passed = passed + ?, failed = failed + ?, errored = errored + ?, skipped = skipped + ?
                    WHERE id = ?
                    """)
                for (runID, counts) in pendingCounts {
                    try update.run([.int(counts.passed), .int(counts.failed), .int(counts.errored), .int(counts.skipped),
                                    .int(runID)], operation: "update run counts")
                }
            }
        } catch {
            if case .locked = error {} else {
                pending.removeAll()
                pendingCounts.removeAll()
            }
            throw error
        }
        pending.removeAll(keepingCapacity: true)
        pendingCounts.removeAll(keepingCapacity: true)
        lastCommitNanos = POSIX.monotonicNanos()
    }

    /// Flushes, then records how the run ended: status, final counts, end time and duration.
    public func finishRun(runID: Int64, status: RunStatus, counts: RunCounts, endedAt: Double) throws(StoreError) {
        try flush()
        try connection.transaction("finish a run") { () throws(StoreError) in
            let update = try connection.statement("""
                UPDATE runs SET status = ?, passed = ?, failed = ?, errored = ?, skipped = ?, ended_at = ?,
                    duration_us = CAST(round((? - started_at) * 1e6) AS INTEGER)
                WHERE id = ?
                """)
            try update.run([.text(status.rawValue), .int(counts.passed), .int(counts.failed), .int(counts.errored),
                            .int(counts.skipped), .double(endedAt), .double(endedAt), .int(runID)],
                           operation: "finish a run")
            if connection.changes == 0 {
                throw StoreError.notFound(path: path, reference: String(runID), detail: "there is no run with this id")
            }
        }
    }

    // MARK: Rows

    private func insert(_ result: RequestResult, runID: Int64) throws(StoreError) {
        var bodyHash: String?
        var bodyKept: Int?
        if let observed = result.observed {
            bodyHash = try storeBody(hash: observed.bodySHA256, size: observed.bodySize, kept: observed.body)
            bodyKept = observed.body.count
        }
        let values: [SQLValue] = [
            .int(runID), .int(result.index), .text(result.requestID), .text(result.name),
            .text(ColumnCoding.stringsText(result.groupPath)), .text(result.method), .text(result.url),
            .text(result.outcome.rawValue), .int(result.observed?.status),
            .text(result.pythonError?.type), .text(result.pythonError?.message),
            .text(result.error?.kind.rawValue), .text(result.error?.message), .int(result.error?.curlCode),
            .text(ColumnCoding.effectsText(result.effects)),
            .text(ColumnCoding.assertionsText(result.assertions)),
            .text(ColumnCoding.capturesText(result.captures)),
            .text(result.expectationNote), .text(result.observed.map(ColumnCoding.observedText)),
            .text(bodyHash), .int(bodyKept), .double(result.startedAt), .int(result.durationMicros),
        ]
        let statement = try connection.statement(literal: """
            INSERT INTO results (run_id, idx, request_id, name, group_path, method, url, outcome, status,
                python_error_type, python_error_message, error_kind, error_message, error_curl_code,
                effects, assertions, captures, expectation_note, observed, body_sha256, body_kept, started_at, duration_us)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.run(values, operation: "store a result")
        let resultID = connection.lastInsertRowID
        for (seq, exchange) in result.exchanges.enumerated() {
            try insert(exchange, seq: seq, resultID: resultID)
        }
    }

    private func insert(_ exchange: Exchange, seq: Int, resultID: Int64) throws(StoreError) {
        let response = exchange.response
        var bodyHash: String?
        if let response {
            bodyHash = try storeBody(hash: response.bodySHA256, size: response.bodySize, kept: response.body)
        }
        let timings = exchange.timings
        let values: [SQLValue] = [
            .int(resultID), .int(seq), .text(exchange.kind.rawValue), .text(exchange.request.method),
            .text(exchange.request.url), .text(ColumnCoding.headersText(exchange.request.headers)),
            .int(exchange.request.bodySize),
            .text(response?.httpVersion), .int(response?.status), .text(response?.reason),
            .text(response.map { ColumnCoding.headersText($0.headers) }), .int(response?.bodySize),
            .text(bodyHash), .int(response?.body.count), .int(response.map { $0.bodyTruncated ? 1 : 0 }),
            .text(response?.redirectURL),
            .int(timings.dns), .int(timings.connect), .int(timings.tls), .int(timings.pretransfer),
            .int(timings.firstByte), .int(timings.total),
            .text(exchange.remoteAddress), .int(exchange.remotePort), .double(exchange.startedAt),
            .text(exchange.error?.kind.rawValue), .text(exchange.error?.message), .int(exchange.error?.curlCode),
        ]
        let statement = try connection.statement(literal: """
            INSERT INTO exchanges (result_id, seq, kind, method, url, request_headers, request_body_size,
                http_version, status, reason, response_headers, body_size, body_sha256, body_kept, body_truncated,
                redirect_url, t_dns, t_connect, t_tls, t_pretransfer, t_first_byte, t_total,
                remote_address, remote_port, started_at, error_kind, error_message, error_curl_code)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.run(values, operation: "store an exchange")
    }

    /// Stores a body's kept prefix once per hash (the longest prefix seen wins) and returns the hash to
    /// reference it by. Rows keep `body_kept`, so each reads back exactly the prefix it had.
    /// A body without a hash is not kept (the engine always hashes what it receives).
    private func storeBody(hash: String, size: Int64, kept: [UInt8]) throws(StoreError) -> String? {
        guard !hash.isEmpty else { return nil }
        guard !kept.isEmpty, (knownBodies[hash] ?? -1) < kept.count else { return hash }
        let statement = try connection.statement(literal: """
            INSERT INTO bodies (sha256, size, data) VALUES (?, ?, ?)
            ON CONFLICT (sha256) DO UPDATE SET data = excluded.data WHERE length(excluded.data) > length(bodies.data)
            """)
        try statement.run([.text(hash), .int(size), .blob(kept)], operation: "store a body")
        knownBodies[hash] = kept.count
        return hash
    }
}
