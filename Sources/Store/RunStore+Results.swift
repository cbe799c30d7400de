import Engine

/// Reading a run's results back exactly as they were appended: exchanges, bodies and JSON columns included.
extension RunStore {
    /// Every stored result of a run, in collection order (empty when the run has none or does not exist).
    public func results(runID: Int64) throws(StoreError) -> [RequestResult] {
        try flush()
        return try connection.read("read results") { () throws(StoreError) -> [RequestResult] in
            var exchanges = try exchangesByResult(runID: runID)
            let query = try connection.statement("""
                SELECT r.id, r.idx, r.request_id, r.name, r.group_path, r.method, r.url, r.outcome,
                    r.python_error_type, r.python_error_message, r.error_kind, r.error_message, r.error_curl_code,
                    r.effects, r.assertions, r.captures, r.expectation_note, r.observed, substr(b.data, 1, r.body_kept),
                    r.started_at, r.duration_us
                FROM results r LEFT JOIN bodies b ON b.sha256 = r.body_sha256
                WHERE r.run_id = ? ORDER BY r.idx
                """)
            return try query.rows([.int(runID)], operation: "read results") { row throws(StoreError) -> RequestResult in
                let index = row.int(1)
                let place = "run \(runID), request #\(index)"
                func json<T>(_ column: Int32, _ name: String,
                             _ convert: (JSONValue) throws(JSONColumnError) -> T) throws(StoreError) -> T {
                    let text = row.text(column) ?? ""
                    return try decode("results.\(name) of \(place)") { () throws(JSONColumnError) -> T in
                        try convert(try ColumnCoding.parse(text))
                    }
                }
                var observed: ObservedResponse?
                if row.text(17) != nil {
                    let (response, _) = try json(17, "observed", ColumnCoding.observed)
                    observed = response
                    observed?.body = row.blob(18)
                }
                let pythonError = row.text(8).map { PythonError(type: $0, message: row.text(9) ?? "") }
                let error = try row.text(10).map { kind throws(StoreError) in
                    TransportError(kind: try enumValue(TransportErrorKind.self, kind, "results.error_kind of \(place)"),
                                   message: row.text(11) ?? "", curlCode: row.int(12))
                }
                return RequestResult(
                    index: index, requestID: row.text(2) ?? "", name: row.text(3) ?? "",
                    groupPath: try json(4, "group_path", ColumnCoding.strings),
                    method: row.text(5) ?? "", url: row.text(6) ?? "",
                    exchanges: exchanges.removeValue(forKey: row.int64(0)) ?? [],
                    observed: observed, pythonError: pythonError, error: error,
                    effects: try json(13, "effects", ColumnCoding.effects),
                    assertions: try json(14, "assertions", ColumnCoding.assertions),
                    captures: try json(15, "captures", ColumnCoding.captures),
                    outcome: try enumValue(Outcome.self, row.text(7), "results.outcome of \(place)"),
                    expectationNote: row.text(16), startedAt: row.double(19), durationMicros: row.int64(20))
            }
        }
    }

    /// The run's exchanges grouped by result row id, each group in wire order.
    private func exchangesByResult(runID: Int64) throws(StoreError) -> [Int64: [Exchange]] {
        let query = try connection.statement("""
            SELECT e.result_id, e.kind, e.method, e.url, e.request_headers, e.request_body_size,
                e.http_version, e.status, e.reason, e.response_headers, e.body_size, e.body_sha256,
                substr(b.data, 1, e.body_kept), e.body_truncated, e.redirect_url,
                e.t_dns, e.t_connect, e.t_tls, e.t_pretransfer, e.t_first_byte, e.t_total,
                e.remote_address, e.remote_port, e.started_at, e.error_kind, e.error_message, e.error_curl_code
            FROM exchanges e JOIN results r ON r.id = e.result_id LEFT JOIN bodies b ON b.sha256 = e.body_sha256
            WHERE r.run_id = ? ORDER BY e.result_id, e.seq
            """)
        let rows = try query.rows([.int(runID)], operation: "read exchanges") {
            row throws(StoreError) -> (Int64, Exchange) in
            let resultID = row.int64(0)
            let place = "exchange of result row \(resultID)"
            func headers(_ column: Int32, _ name: String) throws(StoreError) -> [HeaderField] {
                let text = row.text(column) ?? ""
                return try decode("exchanges.\(name) of \(place)") { () throws(JSONColumnError) -> [HeaderField] in
                    try ColumnCoding.headers(try ColumnCoding.parse(text))
                }
            }
            var response: ReceivedResponse?
            if !row.isNull(7) {
                response = ReceivedResponse(
                    httpVersion: row.text(6) ?? "", status: row.int(7), reason: row.text(8) ?? "",
                    headers: try headers(9, "response_headers"), bodySize: row.int64(10),
                    bodySHA256: row.text(11) ?? "", body: row.blob(12), bodyTruncated: row.bool(13),
                    redirectURL: row.text(14))
            }
            let error = try row.text(24).map { kind throws(StoreError) in
                TransportError(kind: try enumValue(TransportErrorKind.self, kind, "exchanges.error_kind of \(place)"),
                               message: row.text(25) ?? "", curlCode: row.int(26))
            }
            let exchange = Exchange(
                kind: try enumValue(ExchangeKind.self, row.text(1), "exchanges.kind of \(place)"),
                request: SentRequest(method: row.text(2) ?? "", url: row.text(3) ?? "",
                                     headers: try headers(4, "request_headers"), bodySize: row.int64(5)),
                response: response,
                timings: Timings(dns: row.int64(15), connect: row.int64(16), tls: row.int64(17),
                                 pretransfer: row.int64(18), firstByte: row.int64(19), total: row.int64(20)),
                remoteAddress: row.text(21), remotePort: row.optionalInt(22), startedAt: row.double(23), error: error)
            return (resultID, exchange)
        }
        var grouped: [Int64: [Exchange]] = [:]
        for (resultID, exchange) in rows {
            grouped[resultID, default: []].append(exchange)
        }
        return grouped
    }
}
