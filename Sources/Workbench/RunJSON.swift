import Engine

/// `workbench run --output json`: every profile's run with its results.
enum RunJSON {
    static func document(_ runs: [ProfileRunSummary], collection: Collection) -> JSONValue {
        var root = JSONObject()
        root["collection"] = .string(collection.name)
        root["runs"] = .array(runs.map { run in
            var o = JSONObject()
            o["id"] = .number(Double(run.runID))
            o["profile"] = .string(run.profile.name)
            o["status"] = .string(run.status.rawValue)
            o["counts"] = .object(JSONObject([
                ("passed", .number(Double(run.counts.passed))), ("failed", .number(Double(run.counts.failed))),
                ("errored", .number(Double(run.counts.errored))), ("skipped", .number(Double(run.counts.skipped))),
            ]))
            o["results"] = .array(run.results.map(\.json))
            return .object(o)
        })
        return .object(root)
    }
}
