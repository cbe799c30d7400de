import Engine

/// HTTP Archive 1.2 (http://www.softwareishard.com/blog/har-12-spec/): one `log` without `pages`, one entry
/// per exchange in wire order (every preflight and redirect hop is its own entry). docs/exports.md lists the
/// custom `_` fields and how libcurl's timings become HAR phases.
enum HARExport {
    static func render(_ record: RunRecord, creatorVersion: String) -> String {
        var log = JSONObject()
        log["version"] = .string("1.2")
        log["creator"] = .object(JSONObject([("name", .string("workbench")), ("version", .string(creatorVersion))]))
        var entries: [JSONValue] = []
        for result in record.results {
            for (position, exchange) in result.exchanges.enumerated() {
                let isFinal = position == result.exchanges.count - 1
                entries.append(entry(exchange, of: result, profile: record.info.profile, isFinal: isFinal))
            }
        }
        log["entries"] = .array(entries)
        log["_workbench"] = runDetails(record)
        return JSONValue.object(JSONObject([("log", .object(log))])).serialized(pretty: true) + "\n"
    }

    /// The run, and the requests that put nothing on the wire (skipped, refused by the profile).
    private static func runDetails(_ record: RunRecord) -> JSONValue {
        var o = JSONObject()
        o["runId"] = .number(Double(record.id))
        o["collection"] = .string(record.info.collectionName)
        o["profile"] = .string(record.info.profile)
        o["status"] = .string(record.status.rawValue)
        o["unsent"] = .array(record.results.filter(\.exchanges.isEmpty).map { result in
            var u = JSONObject()
            u["requestId"] = .string(result.requestID)
            u["outcome"] = .string(result.outcome.rawValue)
            u["pythonError"] = pythonError(result.pythonError)
            u["note"] = result.expectationNote.map(JSONValue.string) ?? .null
            return .object(u)
        })
        return .object(o)
    }

    private static func entry(_ exchange: Exchange, of result: RequestResult, profile: String, isFinal: Bool) -> JSONValue {
        let phases = TimingPhases(exchange.timings)
        var e = JSONObject()
        e["startedDateTime"] = .string(ExportText.isoTimestamp(exchange.startedAt))
        e["time"] = ms((phases.dns ?? 0) + (phases.harConnect ?? 0) + phases.send + phases.wait + phases.receive)
        e["request"] = HARParts.request(exchange)
        e["response"] = exchange.response.map { HARParts.response($0) } ?? HARParts.missingResponse
        e["cache"] = .object(JSONObject())
        e["timings"] = timings(phases)
        if let address = exchange.remoteAddress, !address.isEmpty { e["serverIPAddress"] = .string(address) }
        if let port = exchange.remotePort { e["connection"] = .string(String(port)) }
        e["_kind"] = .string(exchange.kind.rawValue)
        if let error = exchange.error {
            e["_error"] = .object(JSONObject([("kind", .string(error.kind.rawValue)), ("message", .string(error.message)),
                                              ("curlCode", .number(Double(error.curlCode)))]))
        }
        if isFinal {
            var w = JSONObject()
            w["requestId"] = .string(result.requestID)
            w["profile"] = .string(profile)
            w["outcome"] = .string(result.outcome.rawValue)
            w["effects"] = .array(result.effects.map { .object(JSONObject([("code", .string($0.code)), ("message", .string($0.message))])) })
            w["pythonError"] = pythonError(result.pythonError)
            e["_workbench"] = .object(w)
        }
        return .object(e)
    }

    private static func timings(_ p: TimingPhases) -> JSONValue {
        .object(JSONObject([
            ("blocked", .number(-1)),
            ("dns", p.dns.map(ms) ?? .number(-1)),
            ("connect", p.harConnect.map(ms) ?? .number(-1)),
            ("ssl", p.tls.map(ms) ?? .number(-1)),
            ("send", ms(p.send)),
            ("wait", ms(p.wait)),
            ("receive", ms(p.receive)),
        ]))
    }

    private static func pythonError(_ error: PythonError?) -> JSONValue {
        error.map { .object(JSONObject([("type", .string($0.type)), ("message", .string($0.message))])) } ?? .null
    }

    /// Microseconds as a JSON number of milliseconds (`12345` → `12.345`).
    static func ms(_ micros: Int64) -> JSONValue { .number(Double(micros) / 1000) }
}
