import Engine

/// One Postman `request` object (or URL string) → a request of the collection.
enum PostmanRequestBuilder {
    static func request(_ json: LocatedJSON, name: String, state: inout PostmanState) -> ImportedRequest {
        let location = json.location
        if let url = json.value.stringValue {
            return ImportedRequest(name: name, url: state.translate(url, at: location), location: location)
        }
        var request = ImportedRequest(name: name, url: url(PostmanJSON.member(json, "url"), at: location, state: &state), location: location)
        request.method = PostmanJSON.string(json, "method") ?? "GET"
        request.description = PostmanJSON.description(json)
        switch PostmanJSON.member(json, "header") {
        case .array(let headers, _)?:
            for header in headers where PostmanJSON.bool(header, "disabled") != true {
                guard let key = PostmanJSON.string(header, "key"), !key.isEmpty else { continue }
                let value = state.translate(PostmanJSON.text(PostmanJSON.member(header, "value")) ?? "", at: header.location)
                request.headers.append((key, state.builder.secretHeaderValue(key, value)))
            }
        case .string(let text, let headerLocation)?:
            for line in text.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = String(line[..<colon]).trimmingCharacters(in: " \t")
                let value = state.translate(String(line[line.index(after: colon)...]).trimmingCharacters(in: " \t"), at: headerLocation)
                request.headers.append((key, state.builder.secretHeaderValue(key, value)))
            }
        default: break
        }
        if let body = PostmanJSON.member(json, "body"), PostmanJSON.bool(body, "disabled") != true {
            PostmanBody.apply(body, to: &request, state: &state)
        }
        return request
    }

    /// The URL: `raw` with `:name` path variables filled in, or rebuilt from its parts.
    static func url(_ json: LocatedJSON?, at location: SourceLocation, state: inout PostmanState) -> String {
        guard let json else {
            state.builder.note("request has no URL; imported with an empty one, which validate rejects until you fill it in", at: location)
            return ""
        }
        if let text = json.value.stringValue { return state.translate(text, at: json.location) }
        var raw = PostmanJSON.string(json, "raw") ?? rebuild(json)
        // Path variables: `/users/:id` with `variable: [{key: id, value: 7}]`.
        for variable in PostmanJSON.array(json, "variable") {
            guard let key = PostmanJSON.string(variable, "key") else { continue }
            let value = PostmanJSON.text(PostmanJSON.member(variable, "value")) ?? ""
            let replacement: String
            if value.isEmpty {
                let name = VariableNames.sanitize(key)
                replacement = "{{\(name)}}"
                state.builder.note("path variable :\(key) has no value; it becomes variable '\(name)'", at: variable.location)
            } else {
                replacement = value
            }
            raw = replacePathVariable(key, in: raw, with: replacement)
        }
        if !raw.contains("://"), !raw.hasPrefix("{{") {
            state.builder.note("URL '\(raw)' has no scheme; Postman assumes http://", at: json.location)
            raw = "http://" + raw
        }
        return state.translate(raw, at: json.location)
    }

    private static func replacePathVariable(_ key: String, in url: String, with value: String) -> String {
        let queryStart = url.firstIndex(of: "?") ?? url.endIndex
        var path = String(url[..<queryStart])
        let rest = String(url[queryStart...])
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for index in segments.indices where segments[index] == ":" + key { segments[index] = value }
        path = segments.joined(separator: "/")
        return path + rest
    }

    private static func rebuild(_ json: LocatedJSON) -> String {
        let proto = PostmanJSON.string(json, "protocol").map { $0 + "://" } ?? ""
        let host: String
        if case .array(let parts, _)? = PostmanJSON.member(json, "host") {
            host = parts.compactMap(\.value.stringValue).joined(separator: ".")
        } else {
            host = PostmanJSON.string(json, "host") ?? ""
        }
        let port = PostmanJSON.text(PostmanJSON.member(json, "port")).map { ":" + $0 } ?? ""
        let path: String
        if case .array(let parts, _)? = PostmanJSON.member(json, "path") {
            path = parts.map { PostmanJSON.text($0) ?? "" }.joined(separator: "/")
        } else {
            path = PostmanJSON.string(json, "path") ?? ""
        }
        var url = proto + host + port + (path.isEmpty ? "" : "/" + path)
        let query = PostmanJSON.array(json, "query").filter { PostmanJSON.bool($0, "disabled") != true }
        if !query.isEmpty {
            url += "?" + query.map { q in
                let key = PostmanJSON.string(q, "key") ?? ""
                guard let value = PostmanJSON.text(PostmanJSON.member(q, "value")) else { return key }
                return key + "=" + value
            }.joined(separator: "&")
        }
        return url
    }
}
