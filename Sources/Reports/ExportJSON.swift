import Engine

/// The whole run as JSON: `{"format", "version", "run": {…}, "results": [RequestResult.json…]}`.
/// Stable: docs/exports.md lists every field; fields never change meaning, new ones may be added.
enum JSONExport {
    /// Bumped only if a field ever had to change meaning.
    static let version = 1

    static func render(_ record: RunRecord) -> String {
        var root = JSONObject()
        root["format"] = .string("workbench-run")
        root["version"] = .number(Double(version))
        root["run"] = run(record)
        root["results"] = .array(record.results.map(\.json))
        return JSONValue.object(root).serialized(pretty: true) + "\n"
    }

    static func run(_ record: RunRecord) -> JSONValue {
        let info = record.info
        var o = JSONObject()
        o["id"] = .number(Double(record.id))
        o["collection"] = .object(JSONObject([
            ("name", .string(info.collectionName)), ("path", .string(info.collectionPath)), ("hash", .string(info.collectionHash)),
        ]))
        o["profile"] = .string(info.profile)
        o["profileDefinition"] = info.profileDefinition ?? .null
        o["settings"] = .object(JSONObject([
            ("mode", .string(info.settings.mode.rawValue)),
            ("origin", info.settings.origin.map(JSONValue.string) ?? .null),
            ("credentials", .string(info.settings.credentials.rawValue)),
            ("crossOriginIsolated", .bool(info.settings.crossOriginIsolated)),
            ("strict", .bool(info.settings.strict)),
        ]))
        o["environment"] = info.environment.map(JSONValue.string) ?? .null
        o["startedAt"] = .number(info.startedAt)
        o["endedAt"] = record.endedAt.map(JSONValue.number) ?? .null
        o["durationMicros"] = record.durationMicros.map { .number(Double($0)) } ?? .null
        o["host"] = .string(info.host)
        o["groupId"] = info.groupID.map(JSONValue.string) ?? .null
        o["jobs"] = .number(Double(info.jobs))
        o["shard"] = info.shard.map(JSONValue.string) ?? .null
        o["status"] = .string(record.status.rawValue)
        let c = record.counts
        o["counts"] = .object(JSONObject([
            ("total", .number(Double(c.total))), ("passed", .number(Double(c.passed))), ("failed", .number(Double(c.failed))),
            ("errored", .number(Double(c.errored))), ("skipped", .number(Double(c.skipped))),
        ]))
        return .object(o)
    }
}
