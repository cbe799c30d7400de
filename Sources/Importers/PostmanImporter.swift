import Engine

/// `workbench import postman FILE [--environment FILE]`: Postman Collection v2.1 (v2.0 reads the same).
///
/// Folders become groups; collection variables become variables (`secret` types and secret-looking names
/// stay secret); `auth` is resolved per request with inheritance from folders and the collection and written
/// as headers (or a query parameter for API keys); every body mode is translated; `:name` path variables
/// are filled in; Postman follows redirects by default, so the collection does too.
enum PostmanImporter {
    static func importFile(_ path: String, options: ImportOptions) throws(ImportError) -> ImportResult {
        let root = try ImportSource.json(path)
        guard case .object = root, let items = PostmanJSON.member(root, "item") else {
            throw ImportError("not a Postman collection: expected {\"info\": …, \"item\": [...]} (export it as Collection v2.1)", at: root.location)
        }
        let info = PostmanJSON.member(root, "info")
        if let schema = info.flatMap({ PostmanJSON.string($0, "schema") }), !schema.contains("v2.") {
            throw ImportError("unsupported Postman schema \(schema); export the collection as v2.1", at: info?.location)
        }
        let name = options.name ?? info.flatMap { PostmanJSON.string($0, "name") } ?? ImportSource.baseName(path)
        var state = PostmanState(builder: CollectionBuilder(name: name))
        state.builder.description = info.flatMap { PostmanJSON.description($0) }
        if case .array(let variables, _)? = PostmanJSON.member(root, "variable") {
            for variable in variables { state.variable(variable, environment: nil) }
        }
        for environmentPath in options.environmentPaths {
            try state.environment(try ImportSource.json(environmentPath), file: environmentPath)
        }
        state.scripts(of: root, what: "collection")
        var followRedirects = true
        if let behavior = PostmanJSON.member(root, "protocolProfileBehavior") { state.behavior(behavior, followRedirects: &followRedirects) }
        state.builder.defaultOptions["followRedirects"] = .bool(followRedirects)
        let auth = PostmanJSON.member(root, "auth")
        guard case .array(let list, _) = items else {
            throw ImportError("'item' must be an array of requests and folders", at: items.location)
        }
        let imported = state.items(list, auth: auth, path: [])
        guard imported.contains(where: { $0.requestCount > 0 }) else {
            throw ImportError("the Postman collection \(path) holds no request")
        }
        state.defineMissingVariables()
        return state.builder.result(items: imported)
    }
}

/// Small readers over located JSON.
enum PostmanJSON {
    static func member(_ json: LocatedJSON, _ key: String) -> LocatedJSON? { HARImporter.member(json, key) }

    static func string(_ json: LocatedJSON, _ key: String) -> String? { member(json, key)?.value.stringValue }

    static func bool(_ json: LocatedJSON, _ key: String) -> Bool? { member(json, key)?.value.boolValue }

    static func array(_ json: LocatedJSON, _ key: String) -> [LocatedJSON] {
        if case .array(let items, _)? = member(json, key) { return items }
        return []
    }

    /// `description` is a string or `{"content": …}`.
    static func description(_ json: LocatedJSON) -> String? {
        guard let d = member(json, "description") else { return nil }
        if let s = d.value.stringValue { return s.isEmpty ? nil : s }
        return string(d, "content")
    }

    /// Postman's key/value lists (`auth.bearer`, `variable`, …) as a dictionary; `disabled` entries left out.
    static func keyValues(_ json: LocatedJSON?) -> [String: LocatedJSON] {
        guard let json else { return [:] }
        var out: [String: LocatedJSON] = [:]
        switch json {
        case .array(let items, _):
            for item in items where bool(item, "disabled") != true {
                if let key = string(item, "key"), let value = member(item, "value") { out[key] = value }
            }
        case .object(let members, _):
            for member in members { out[member.key] = member.value }
        default: break
        }
        return out
    }

    /// A value as text: strings as they are, numbers and booleans as JSON.
    static func text(_ json: LocatedJSON?) -> String? {
        guard let json else { return nil }
        switch json.value {
        case .string(let s): return s
        case .null: return nil
        default: return json.value.serialized()
        }
    }
}
