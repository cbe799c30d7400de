import Engine

/// Turns one parsed curl command into a request of the collection.
enum CurlRequestBuilder {
    /// Shell text → template: a literal `{{` is escaped, `$NAME` expansions become `{{$processEnv NAME}}`.
    static func templated(_ text: String) -> String {
        var out = text.replacing("{{", with: "\\{{")
        out = out.replacing(String(ShellWords.envStart), with: "{{$processEnv ")
        out = out.replacing(String(ShellWords.envEnd), with: "}}")
        return out
    }

    static func hasExpansion(_ text: String) -> Bool { text.contains(ShellWords.envStart) }

    static func request(_ p: ParsedCurl, url rawURL: (text: String, location: SourceLocation),
                        builder: inout CollectionBuilder) -> ImportedRequest {
        var url = templated(rawURL.text)
        let lower = url.lowercased()
        if !lower.hasPrefix("http://"), !lower.hasPrefix("https://"), !url.hasPrefix("{{") {
            if lower.contains("://") {
                builder.note("only http:// and https:// URLs can be imported; '\(rawURL.text)' is kept as written and will not validate until changed", at: rawURL.location)
            } else {
                url = "http://" + url
                builder.note("URL without a scheme: curl assumes http://, so it is '\(url)'", at: rawURL.location)
            }
        }
        if rawURL.text.contains("[") || (rawURL.text.contains("{") && !rawURL.text.contains("{{")) {
            builder.note("curl's URL globbing ([1-3], {a,b}) is not expanded; the URL is kept as written", at: rawURL.location)
        }
        var request = ImportedRequest(name: "", url: url, location: p.location)

        for header in p.headers {
            let value = templated(header.value)
            request.headers.append((header.name, builder.secretHeaderValue(header.name, value)))
        }
        if let user = p.user {
            basicAuth(user.0, at: user.1, request: &request, builder: &builder)
        }
        if let given = p.cookie {
            let (cookie, location) = given
            if cookie.contains("=") {
                request.setHeader("Cookie", builder.secretHeaderValue("Cookie", templated(cookie)))
            } else {
                builder.note("-b \(cookie) reads a cookie file, which Workbench does not; no Cookie header is sent", at: location)
            }
        }

        var method = p.head ? "HEAD" : "GET"
        if !p.get, !p.data.isEmpty || !p.json.isEmpty || !p.formParts.isEmpty { method = "POST" }
        body(p, request: &request, builder: &builder)
        if p.get, !p.data.isEmpty, case .string(let query)? = request.body?.objectValue?["text"] {
            request.url += (request.url.contains("?") ? "&" : "?") + query
            request.body = nil
        }
        if let explicit = p.method { method = explicit }
        request.method = method

        if p.insecure { request.options["insecure"] = .bool(true) }
        if p.followRedirects { request.options["followRedirects"] = .bool(true) }
        if let maxRedirects = p.maxRedirects { request.options["maxRedirects"] = .number(Double(maxRedirects)) }
        if let proxy = p.proxy { request.options["proxy"] = .string(templated(proxy)) }
        if let ca = p.caFile { request.options["caFile"] = .string(templated(ca)) }
        if let cert = p.clientCert { request.options["clientCert"] = .string(templated(cert)) }
        if let key = p.clientKey { request.options["clientKey"] = .string(templated(key)) }
        if let version = p.httpVersion { request.options["httpVersion"] = .string(version) }
        if let connect = p.connectTimeout { request.setTimeout("connect", connect) }
        if let total = p.maxTime { request.setTimeout("total", total) }
        request.name = RequestNamer.name(method: method, url: rawURL.text)
        return request
    }

    private static func basicAuth(_ user: String, at location: SourceLocation, request: inout ImportedRequest,
                                  builder: inout CollectionBuilder) {
        guard user.contains(":") else {
            builder.note("-u '\(user)' has no password (curl would prompt for it); the password is left empty", at: location)
            let encoded = Base64.encode(Array((user + ":").utf8))
            request.setHeader("Authorization", builder.secretHeaderValue("Authorization", "Basic " + encoded))
            return
        }
        if hasExpansion(user) {
            let name = builder.freshName("basic_credentials", for: .string(""))
            builder.define(name, .string(""), secret: true)
            builder.note("-u uses environment variables, so Basic credentials cannot be encoded at import time; set variable '\(name)' to base64(user:password)", at: location)
            request.setHeader("Authorization", "Basic {{\(name)}}")
            return
        }
        let encoded = Base64.encode(Array(user.utf8))
        request.setHeader("Authorization", builder.secretHeaderValue("Authorization", "Basic " + encoded))
    }

    private static func body(_ p: ParsedCurl, request: inout ImportedRequest, builder: inout CollectionBuilder) {
        if !p.json.isEmpty {
            let text = p.json.joined()
            if request.header("Content-Type") == nil { request.headers.append(("Content-Type", "application/json")) }
            if request.header("Accept") == nil { request.headers.append(("Accept", "application/json")) }
            if text.hasPrefix("@") {
                request.body = fileBody(String(text.dropFirst()), at: p.location, builder: &builder)
            } else {
                request.body = jsonOrText(text, contentType: nil)
            }
            if !p.data.isEmpty || !p.formParts.isEmpty {
                builder.note("--json together with -d or -F: only the --json body is imported", at: p.location)
            }
            return
        }
        if !p.formParts.isEmpty {
            request.body = .object(JSONObject([("multipart", .array(p.formParts.map { formPart($0, builder: &builder) }))]))
            if !p.data.isEmpty { builder.note("-F together with -d: curl refuses this; only the -F parts are imported", at: p.location) }
            return
        }
        guard !p.data.isEmpty else { return }
        let explicitType = request.header("Content-Type")
        if p.data.count == 1, let only = p.data.first, only.kind == .ascii || only.kind == .binary, only.value.hasPrefix("@") {
            if only.kind == .ascii {
                builder.note("-d @file strips line breaks from the file; the file is sent as it is (use --data-binary to match)", at: only.location)
            }
            request.body = fileBody(String(only.value.dropFirst()), at: only.location, builder: &builder)
            if explicitType == nil, case .object(var o)? = request.body {
                o["contentType"] = .string("application/x-www-form-urlencoded")
                request.body = .object(o)
            }
            return
        }
        var pieces: [String] = []
        for piece in p.data {
            switch piece.kind {
            case .raw: pieces.append(piece.value)
            case .ascii, .binary:
                if piece.value.hasPrefix("@") {
                    builder.note("a data file (\(piece.value)) combined with other data cannot be imported; its name is sent as text", at: piece.location)
                }
                pieces.append(piece.kind == .ascii ? piece.value.replacing("\n", with: "").replacing("\r", with: "") : piece.value)
            case .urlencode: pieces.append(urlencoded(piece, builder: &builder))
            }
        }
        let text = pieces.joined(separator: "&")
        if let explicitType, explicitType.lowercased().contains("json") {
            request.body = jsonOrText(text, contentType: nil)
        } else {
            request.body = .object(JSONObject([
                ("text", .string(templated(text))),
                ("contentType", .string(explicitType == nil ? "application/x-www-form-urlencoded" : templated(explicitType ?? ""))),
            ]))
            if explicitType != nil, case .object(var o)? = request.body {
                o["contentType"] = nil
                request.body = .object(o)
            }
        }
    }

    private static func urlencoded(_ piece: ParsedCurl.DataPiece, builder: inout CollectionBuilder) -> String {
        let v = piece.value
        if let eq = v.firstIndex(of: "=") {
            let name = String(v[..<eq])
            let content = String(v[v.index(after: eq)...])
            return name.isEmpty ? percentEncode(content) : name + "=" + percentEncode(content)
        }
        if v.contains("@") {
            builder.note("--data-urlencode with a file (\(v)) is not supported; its name is encoded as text", at: piece.location)
        }
        return percentEncode(v)
    }

    /// Encodes like curl's --data-urlencode: everything but unreserved characters, a space as `+`; the env
    /// markers pass through.
    static func percentEncode(_ text: String) -> String {
        var out = ""
        var inMarker = false
        for scalar in text.unicodeScalars {
            let c = Character(scalar)
            if c == ShellWords.envStart { inMarker = true; out.append(c); continue }
            if c == ShellWords.envEnd { inMarker = false; out.append(c); continue }
            if inMarker || (scalar.isASCII && (c.isLetter || c.isNumber || "-._~".contains(c))) {
                out.append(c)
            } else if c == " " {
                out.append("+")
            } else {
                for byte in String(c).utf8 {
                    let hex = Array("0123456789ABCDEF")
                    out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
                }
            }
        }
        return out
    }

    private static func fileBody(_ path: String, at location: SourceLocation, builder: inout CollectionBuilder) -> JSONValue {
        if path == "-" {
            builder.note("a body read from stdin (@-) cannot be imported; the body is empty", at: location)
            return .object(JSONObject([("text", .string(""))]))
        }
        builder.note("body file '\(path)': collection file paths are relative to the collection's folder; put the file there", at: location)
        return .object(JSONObject([("file", .string(templated(path)))]))
    }

    /// A `json` body when that sends exactly the bytes curl sends (compact JSON), else `text`.
    private static func jsonOrText(_ text: String, contentType: String?) -> JSONValue {
        if !hasExpansion(text), let json = try? JSONParser.parse(text), json.serialized() == text {
            return .object(JSONObject([("json", mapStrings(json, templated))]))
        }
        var o = JSONObject([("text", .string(templated(text)))])
        if let contentType { o["contentType"] = .string(contentType) }
        return .object(o)
    }

    static func mapStrings(_ value: JSONValue, _ transform: (String) -> String) -> JSONValue {
        switch value {
        case .string(let s): return .string(transform(s))
        case .array(let items): return .array(items.map { mapStrings($0, transform) })
        case .object(let o): return .object(JSONObject(o.members.map { ($0.key, mapStrings($0.value, transform)) }))
        default: return value
        }
    }

    private static func formPart(_ part: (spec: String, literal: Bool, location: SourceLocation),
                                 builder: inout CollectionBuilder) -> JSONValue {
        guard let eq = part.spec.firstIndex(of: "=") else {
            builder.note("-F '\(part.spec)' is not name=value; sent as a part with an empty value", at: part.location)
            return .object(JSONObject([("name", .string(part.spec)), ("value", .string(""))]))
        }
        let name = String(part.spec[..<eq])
        let content = String(part.spec[part.spec.index(after: eq)...])
        if part.literal || !(content.hasPrefix("@") || content.hasPrefix("<")) {
            return .object(JSONObject([("name", .string(name)), ("value", .string(templated(content)))]))
        }
        var fields = content.dropFirst().split(separator: ";").map(String.init)
        let path = fields.isEmpty ? "" : fields.removeFirst()
        var o = JSONObject([("name", .string(name)), ("file", .string(templated(path)))])
        for field in fields {
            if field.hasPrefix("type=") { o["contentType"] = .string(templated(String(field.dropFirst(5)))) }
            if field.hasPrefix("filename=") { o["filename"] = .string(templated(String(field.dropFirst(9)))) }
        }
        if content.hasPrefix("<") {
            builder.note("-F '\(name)=<\(path)' sends the file's text as a field value; imported as a file part (with a file name)", at: part.location)
        }
        builder.note("multipart file '\(path)': collection file paths are relative to the collection's folder; put the file there", at: part.location)
        return .object(o)
    }
}
