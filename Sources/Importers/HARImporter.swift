import Engine

/// `workbench import har FILE`: one request per entry, in order, with the recorded status as an assertion.
///
/// Workbench's own HAR exports are recognised by their `_kind` and `_workbench` fields: preflights are left
/// to the browser profiles that send them, redirect hops fold into the request that followed them
/// (`followRedirects`), and `_workbench.requestId` gives back each request's group and name.
enum HARImporter {
    /// Headers a client computes itself (and HTTP/2 pseudo-headers): not copied into the collection.
    static let computedHeaders: Set<String> = ["host", "content-length", "connection", "transfer-encoding", "keep-alive", "te", "upgrade"]

    static func importFile(_ path: String, options: ImportOptions) throws(ImportError) -> ImportResult {
        try importJSON(try ImportSource.json(path), file: path, options: options)
    }

    static func importJSON(_ root: LocatedJSON, file: String, options: ImportOptions) throws(ImportError) -> ImportResult {
        guard let log = member(root, "log"), case .array(let entries, _)? = member(log, "entries") else {
            throw ImportError("not a HAR file: expected {\"log\": {\"entries\": [...]}}", at: root.location)
        }
        let include = try compile(options.include, flag: "--include")
        let exclude = try compile(options.exclude, flag: "--exclude")
        let workbench = member(log, "_workbench")
        var builder = CollectionBuilder(name: options.name ?? workbench.flatMap { member($0, "collection")?.value.stringValue }
                                        ?? ImportSource.baseName(file))
        let creator = member(log, "creator").flatMap { member($0, "name")?.value.stringValue }
        var state = HARState()
        state.dialect = workbench != nil || creator == "workbench" ? .literalWithReferences : .literal
        var excluded = 0
        for entry in entries {
            let location = entry.location
            guard let request = member(entry, "request"), let url = member(request, "url")?.value.stringValue,
                  let method = member(request, "method")?.value.stringValue else {
                builder.note("entry without request.method and request.url; cannot be imported", at: location)
                continue
            }
            let kind = member(entry, "_kind")?.value.stringValue
            if kind == "preflight" {
                builder.note("CORS preflight \(method) \(url) is not imported: browser profiles send their own", at: location)
                continue
            }
            let status = member(entry, "response").flatMap { member($0, "status")?.value.numberValue }.map { Int($0) } ?? 0
            let requestID = member(entry, "_workbench").flatMap { member($0, "requestId")?.value.stringValue }
            if kind == "redirect", state.last != nil {
                state.followedRedirect(status: status, requestID: requestID)
                continue
            }
            if !include.isEmpty, !include.contains(where: { url.contains($0) }) { excluded += 1; continue }
            if exclude.contains(where: { url.contains($0) }) { excluded += 1; continue }
            state.finishLast(into: &builder)
            var imported = ImportedRequest(name: "", url: literal(url, at: location, builder: &builder, state: &state), location: location)
            imported.method = method
            headers(request, into: &imported, builder: &builder, state: &state)
            body(request, into: &imported, builder: &builder, state: &state)
            if status > 0 {
                imported.assertions.append(.object(JSONObject([("status", .number(Double(status)))])))
            } else {
                let reason = member(entry, "_error").flatMap { member($0, "message")?.value.stringValue }
                builder.note("no response was recorded for \(method) \(url)\(reason.map { " (\($0))" } ?? ""); no status assertion", at: location)
            }
            state.last = (imported, requestID, status)
        }
        state.finishLast(into: &builder)
        if excluded > 0 {
            builder.note("\(excluded) entr\(excluded == 1 ? "y was" : "ies were") left out by --include/--exclude", at: nil)
        }
        if let workbench, case .array(let unsent, _)? = member(workbench, "unsent") {
            for item in unsent {
                let id = member(item, "requestId")?.value.stringValue ?? "?"
                let outcome = member(item, "outcome")?.value.stringValue ?? "?"
                builder.note("request '\(id)' put nothing on the wire in the recorded run (\(outcome)); the HAR does not hold it", at: item.location)
            }
        }
        guard state.requestCount > 0 else {
            throw ImportError("no request to import from \(file)\(excluded > 0 ? " (\(excluded) left out by --include/--exclude)" : "")")
        }
        for (name, location) in state.used where !builder.hasVariable(name) {
            builder.define(name, .string(""), secret: true)
            builder.note("the recording holds a redacted secret {{\(name)}}; defined as an empty secret variable (set it with --var \(name)=…)", at: location)
        }
        return builder.result(items: state.items())
    }

    private static func compile(_ patterns: [String], flag: String) throws(ImportError) -> [Regex<AnyRegexOutput>] {
        var out: [Regex<AnyRegexOutput>] = []
        for pattern in patterns {
            do { out.append(try Regex(pattern)) } catch {
                throw ImportError("\(flag) '\(pattern)' is not a valid regular expression: \(error)")
            }
        }
        return out
    }

    static func member(_ json: LocatedJSON, _ key: String) -> LocatedJSON? {
        guard case .object(let members, _) = json else { return nil }
        return members.last { $0.key == key }?.value
    }

    static func literal(_ text: String, at location: SourceLocation, builder: inout CollectionBuilder, state: inout HARState) -> String {
        var names: [String] = []
        let out = TemplateTranslator(dialect: state.dialect).translate(text, at: location, into: &builder, usedVariables: &names)
        state.used += names.map { ($0, location) }
        return out
    }

    private static func headers(_ request: LocatedJSON, into imported: inout ImportedRequest, builder: inout CollectionBuilder,
                                state: inout HARState) {
        guard case .array(let list, _)? = member(request, "headers") else { return }
        var raw: [(name: String, value: String, location: SourceLocation)] = []
        for header in list {
            guard let name = member(header, "name")?.value.stringValue, let value = member(header, "value")?.value.stringValue else { continue }
            let lower = name.lowercased()
            if name.hasPrefix(":") || computedHeaders.contains(lower) { continue }
            if lower == "origin" || lower.hasPrefix("sec-fetch-") || lower.hasPrefix("sec-ch-") {
                builder.note("browser-managed headers (Origin, Sec-Fetch-*, Sec-CH-*) are left out: browser profiles send their own, and a page cannot set them", at: nil)
                continue
            }
            if let index = raw.firstIndex(where: { $0.name.lowercased() == lower }) {
                raw[index].value += (lower == "cookie" ? "; " : ", ") + value
            } else {
                raw.append((name, value, header.location))
            }
        }
        for (name, value, location) in raw {
            var text = literal(value, at: location, builder: &builder, state: &state)
            if text == "<redacted>" {
                let variable = VariableNames.sanitize(name.lowercased())
                state.used.append((variable, location))
                text = "{{\(variable)}}"
            } else {
                text = builder.secretHeaderValue(name, text)
            }
            imported.headers.append((name, text))
        }
    }

    private static func body(_ request: LocatedJSON, into imported: inout ImportedRequest, builder: inout CollectionBuilder,
                             state: inout HARState) {
        guard let post = member(request, "postData") else { return }
        let mimeType = member(post, "mimeType")?.value.stringValue ?? ""
        let text = member(post, "text")?.value.stringValue ?? ""
        let lowerMime = mimeType.lowercased()
        if text.isEmpty, case .array(let params, _)? = member(post, "params"), !params.isEmpty {
            if lowerMime.hasPrefix("multipart/") {
                var parts: [JSONValue] = []
                for param in params {
                    let name = member(param, "name")?.value.stringValue ?? ""
                    if let fileName = member(param, "fileName")?.value.stringValue {
                        builder.note("multipart file part '\(name)' (\(fileName)): HAR does not keep file contents; sent as an empty value", at: param.location)
                    }
                    let value = literal(member(param, "value")?.value.stringValue ?? "", at: param.location, builder: &builder, state: &state)
                    parts.append(.object(JSONObject([("name", .string(name)), ("value", .string(value))])))
                }
                imported.body = .object(JSONObject([("multipart", .array(parts))]))
                removeHeader("Content-Type", from: &imported)
            } else {
                let fields = params.map { param -> (key: String, value: JSONValue) in
                    (member(param, "name")?.value.stringValue ?? "",
                     .string(literal(member(param, "value")?.value.stringValue ?? "", at: param.location, builder: &builder, state: &state)))
                }
                imported.body = .object(JSONObject([("form", .object(JSONObject(fields)))]))
            }
            return
        }
        if text.isEmpty {
            let size = member(post, "_bodySize")?.value.numberValue ?? 0
            if size > 0 {
                builder.note("the recording did not keep the request body (\(Int(size)) bytes sent); the body is empty", at: post.location)
                imported.body = .object(JSONObject([("text", .string(""))]))
            }
            return
        }
        if member(post, "encoding")?.value.stringValue == "base64" {
            imported.body = .object(JSONObject([("base64", .string(text))]))
            return
        }
        if lowerMime.contains("json"), let json = try? JSONParser.parse(text) {
            imported.body = .object(JSONObject([("json", CurlRequestBuilder.mapStrings(json) { s in
                literal(s, at: post.location, builder: &builder, state: &state)
            })]))
            return
        }
        var o = JSONObject([("text", .string(literal(text, at: post.location, builder: &builder, state: &state)))])
        if imported.header("Content-Type") == nil, !mimeType.isEmpty { o["contentType"] = .string(mimeType) }
        imported.body = .object(o)
    }

    private static func removeHeader(_ name: String, from request: inout ImportedRequest) {
        request.headers.removeAll { $0.name.lowercased() == name.lowercased() }
    }
}

/// The HAR import in progress: finished items, the request still open for redirect hops, the variables used.
struct HARState {
    var last: (request: ImportedRequest, requestID: String?, status: Int)?
    /// Requests with the group path Workbench recorded, in document order.
    private var flat: [(path: [String], request: ImportedRequest)] = []
    private var names: [String: NameRegistry] = [:]
    var used: [(name: String, location: SourceLocation)] = []
    private(set) var requestCount = 0
    /// `.literalWithReferences` for Workbench's own exports, whose `{{name}}` are redacted secrets.
    var dialect = TemplateDialect.literal

    mutating func followedRedirect(status: Int, requestID: String?) {
        guard var open = last else { return }
        open.request.options["followRedirects"] = .bool(true)
        open.request.assertions = status > 0 ? [.object(JSONObject([("status", .number(Double(status)))]))] : []
        open.requestID = requestID ?? open.requestID
        last = open
    }

    mutating func finishLast(into builder: inout CollectionBuilder) {
        guard let open = last else { return }
        var request = open.request
        let requestID = open.requestID
        last = nil
        var path: [String] = []
        var wanted = RequestNamer.name(method: request.method, url: request.url)
        if let requestID {
            let parts = requestID.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            path = Array(parts.dropLast())
            wanted = parts.last ?? wanted
        }
        let key = path.joined(separator: "/")
        var registry = names[key] ?? NameRegistry()
        let claimed = registry.claim(wanted)
        names[key] = registry
        if let changed = claimed.changed, requestID != nil { builder.note(changed, at: request.location) }
        request.name = claimed.name
        requestCount += 1
        flat.append((path, request))
    }

    /// The requests as items; grouped requests nest under their recorded groups, in first-seen order.
    func items() -> [ImportedItem] {
        var tree = GroupTree()
        for (path, request) in flat { tree.insert(request, at: path[...]) }
        return tree.items
    }
}

/// Groups rebuilt from recorded group paths (`users/admins/list`).
struct GroupTree {
    private var entries: [Entry] = []
    private enum Entry {
        case request(ImportedRequest)
        case group(String, GroupTree)
    }

    mutating func insert(_ request: ImportedRequest, at path: ArraySlice<String>) {
        guard let head = path.first else { entries.append(.request(request)); return }
        for (index, entry) in entries.enumerated() {
            if case .group(let name, var subtree) = entry, name == head {
                subtree.insert(request, at: path.dropFirst())
                entries[index] = .group(name, subtree)
                return
            }
        }
        var subtree = GroupTree()
        subtree.insert(request, at: path.dropFirst())
        entries.append(.group(head, subtree))
    }

    var items: [ImportedItem] {
        entries.map { entry in
            switch entry {
            case .request(let request): return .request(request)
            case .group(let name, let subtree): return .group(name: name, description: nil, items: subtree.items)
            }
        }
    }
}
