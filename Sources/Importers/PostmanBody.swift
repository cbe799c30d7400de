import Engine

/// Postman body modes → Workbench bodies: raw (JSON kept typed when it parses), urlencoded, formdata,
/// file, graphql.
enum PostmanBody {
    static func apply(_ body: LocatedJSON, to request: inout ImportedRequest, state: inout PostmanState) {
        let mode = PostmanJSON.string(body, "mode") ?? "none"
        switch mode {
        case "none", "": return
        case "raw":
            let text = PostmanJSON.string(body, "raw") ?? ""
            let language = PostmanJSON.member(body, "options").flatMap { PostmanJSON.member($0, "raw") }
                .flatMap { PostmanJSON.string($0, "language") } ?? "text"
            let contentType: String
            switch language {
            case "json": contentType = "application/json"
            case "xml": contentType = "application/xml"
            case "html": contentType = "text/html"
            case "javascript": contentType = "application/javascript"
            default: contentType = "text/plain"
            }
            if language == "json", let json = try? JSONParser.parse(text) {
                request.body = .object(JSONObject([("json", CurlRequestBuilder.mapStrings(json) { state.translate($0, at: body.location) })]))
                return
            }
            var o = JSONObject([("text", .string(state.translate(text, at: body.location)))])
            if request.header("Content-Type") == nil { o["contentType"] = .string(contentType) }
            request.body = .object(o)
        case "urlencoded":
            var fields: [(key: String, value: JSONValue)] = []
            for field in PostmanJSON.array(body, "urlencoded") where PostmanJSON.bool(field, "disabled") != true {
                let key = PostmanJSON.string(field, "key") ?? ""
                let value = JSONValue.string(state.translate(PostmanJSON.text(PostmanJSON.member(field, "value")) ?? "", at: field.location))
                if let index = fields.firstIndex(where: { $0.key == key }) {
                    let previous = fields[index].value.arrayValue ?? [fields[index].value]
                    fields[index].value = .array(previous + [value])
                } else {
                    fields.append((key, value))
                }
            }
            request.body = .object(JSONObject([("form", .object(JSONObject(fields)))]))
        case "formdata":
            var parts: [JSONValue] = []
            for field in PostmanJSON.array(body, "formdata") where PostmanJSON.bool(field, "disabled") != true {
                let key = PostmanJSON.string(field, "key") ?? ""
                var part = JSONObject([("name", .string(key))])
                if PostmanJSON.string(field, "type") == "file" {
                    let src = PostmanJSON.member(field, "src")
                    let path = src?.value.stringValue ?? src?.value.arrayValue?.first?.stringValue
                    guard let path, !path.isEmpty else {
                        state.builder.note("form-data file part '\(key)' names no file; sent as an empty value", at: field.location)
                        part["value"] = .string("")
                        parts.append(.object(part))
                        continue
                    }
                    if (src?.value.arrayValue?.count ?? 0) > 1 {
                        state.builder.note("form-data part '\(key)' names several files; only the first is imported", at: field.location)
                    }
                    part["file"] = .string(state.translate(path, at: field.location))
                    state.builder.note("form-data file '\(path)': collection file paths are relative to the collection's folder; put the file there", at: field.location)
                } else {
                    part["value"] = .string(state.translate(PostmanJSON.text(PostmanJSON.member(field, "value")) ?? "", at: field.location))
                }
                if let type = PostmanJSON.string(field, "contentType"), !type.isEmpty {
                    part["contentType"] = .string(state.translate(type, at: field.location))
                }
                parts.append(.object(part))
            }
            request.body = .object(JSONObject([("multipart", .array(parts))]))
        case "file":
            let src = PostmanJSON.member(body, "file").flatMap { PostmanJSON.string($0, "src") }
            guard let src, !src.isEmpty else {
                state.builder.note("binary body names no file; the body is empty", at: body.location)
                request.body = .object(JSONObject([("text", .string(""))]))
                return
            }
            state.builder.note("body file '\(src)': collection file paths are relative to the collection's folder; put the file there", at: body.location)
            request.body = .object(JSONObject([("file", .string(state.translate(src, at: body.location)))]))
        case "graphql":
            let graphql = PostmanJSON.member(body, "graphql")
            var payload = JSONObject([("query", .string(state.translate(graphql.flatMap { PostmanJSON.string($0, "query") } ?? "", at: body.location)))])
            if let variables = graphql.flatMap({ PostmanJSON.string($0, "variables") }), !variables.trimmingCharacters(in: " \n\t").isEmpty {
                if let parsed = try? JSONParser.parse(variables) {
                    payload["variables"] = CurlRequestBuilder.mapStrings(parsed) { state.translate($0, at: body.location) }
                } else {
                    state.builder.note("GraphQL variables are not valid JSON; left out", at: body.location)
                }
            }
            request.body = .object(JSONObject([("json", .object(payload))]))
        default:
            state.builder.note("body mode '\(mode)' is not supported; the request has no body", at: body.location)
        }
    }
}
