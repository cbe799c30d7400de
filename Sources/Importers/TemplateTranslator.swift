import Engine

/// The `{{…}}` dialect of a source.
enum TemplateDialect {
    /// Postman: `{{var}}` and dynamic variables `{{$guid}}`, `{{$randomInt}}`, …
    case postman
    /// VS Code REST Client / JetBrains HTTP Client: generators with arguments, request variables.
    case restClient
    /// Text with no template syntax of its own (curl, a browser's HAR): every `{{` is literal.
    case literal
    /// Workbench's own HAR export: literal, except `{{name}}` references Workbench wrote when it redacted a secret.
    case literalWithReferences
}

/// A reference to another request's response in an `.http` file: `{{login.response.body.$.token}}`.
struct ResponseReference {
    var request: String
    /// `body` or `headers`.
    var part: String
    /// A JSONPath (body) or a header name.
    var selector: String
}

/// Turns a source string into a Workbench template (`validate` accepts it), noting what it cannot translate.
struct TemplateTranslator {
    var dialect: TemplateDialect
    /// Called for request variables (`.http` files); returns the capture variable that replaces the reference.
    var resolveReference: ((ResponseReference, SourceLocation?) -> String?)?

    init(dialect: TemplateDialect, resolveReference: ((ResponseReference, SourceLocation?) -> String?)? = nil) {
        self.dialect = dialect
        self.resolveReference = resolveReference
    }

    /// The translated text. Variables it refers to that the collection does not define are defined empty
    /// (and noted) by the caller through `usedVariables`.
    func translate(_ text: String, at location: SourceLocation?, into builder: inout CollectionBuilder,
                   usedVariables: inout [String]) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstRange(of: "}}") else {
                out += "\\{{"
                rest = afterOpen
                continue
            }
            let inner = String(afterOpen[..<close.lowerBound])
            out += expression(inner, at: location, into: &builder, usedVariables: &usedVariables)
            rest = afterOpen[close.upperBound...]
        }
        out += rest
        // The safety net: anything the parser would still reject becomes literal text.
        if (try? TemplateParser.parse(out, location: location)) == nil {
            builder.note("could not translate the templates in \"\(text)\"; kept as literal text", at: location)
            return text.replacing("{{", with: "\\{{")
        }
        return out
    }

    private func expression(_ raw: String, at location: SourceLocation?, into builder: inout CollectionBuilder,
                            usedVariables: inout [String]) -> String {
        let inner = raw.trimmingCharacters(in: " \t")
        if dialect == .literal {
            return "\\{{\(raw)}}"
        }
        if dialect == .literalWithReferences {
            if TemplateParser.isValidVariableName(inner) {
                usedVariables.append(inner)
                return "{{\(inner)}}"
            }
            return "\\{{\(raw)}}"
        }
        if inner.hasPrefix("$") {
            return generator(inner, at: location, into: &builder, usedVariables: &usedVariables)
        }
        if dialect == .restClient, let reference = Self.responseReference(inner) {
            if let variable = resolveReference?(reference, location) { return "{{\(variable)}}" }
            builder.note("request variable {{\(inner)}} refers to no named request before it; defined as an empty variable", at: location)
            let name = VariableNames.sanitize(inner)
            usedVariables.append(name)
            return "{{\(name)}}"
        }
        if TemplateParser.isValidVariableName(inner) {
            usedVariables.append(inner)
            return "{{\(inner)}}"
        }
        let name = VariableNames.sanitize(inner)
        builder.note("variable name '\(inner)' is not a valid Workbench name; renamed to '\(name)'", at: location)
        usedVariables.append(name)
        return "{{\(name)}}"
    }

    private func generator(_ inner: String, at location: SourceLocation?, into builder: inout CollectionBuilder,
                           usedVariables: inout [String]) -> String {
        let words = inner.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let head = words.first ?? inner
        switch (dialect, head) {
        case (.postman, "$guid"), (.postman, "$randomUUID"): return "{{$guid}}"
        case (.postman, "$timestamp"): return "{{$timestamp}}"
        case (.postman, "$isoTimestamp"): return "{{$datetime iso8601}}"
        case (.postman, "$randomInt"): return "{{$randomInt 0 1001}}"
        case (.restClient, "$guid"), (.restClient, "$uuid"), (.restClient, "$random.uuid"): return "{{\(words.count == 1 ? "$guid" : inner)}}"
        case (.restClient, "$isoTimestamp"): return "{{$datetime iso8601}}"
        case (.restClient, "$timestamp"), (.restClient, "$datetime"), (.restClient, "$randomInt"), (.restClient, "$processEnv"):
            if (try? TemplateParser.parse("{{\(inner)}}", location: location)) != nil { return "{{\(inner)}}" }
        case (.restClient, "$localDatetime"):
            let rewritten = "$datetime" + inner.dropFirst("$localDatetime".count)
            if (try? TemplateParser.parse("{{\(rewritten)}}", location: location)) != nil {
                builder.note("{{\(inner)}} is written as {{\(rewritten)}}: Workbench's dates are UTC", at: location)
                return "{{\(rewritten)}}"
            }
        case (.restClient, "$dotenv"):
            if words.count == 2 {
                builder.note("{{\(inner)}} reads the process environment instead of a .env file ({{$processEnv \(words[1])}})", at: location)
                return "{{$processEnv \(words[1])}}"
            }
        default:
            let compact = inner.filter { $0 != " " }
            if dialect == .restClient, compact.hasPrefix("$random.integer("),
               let args = Self.arguments(of: compact, prefix: "$random.integer("), args.count == 2 {
                return "{{$randomInt \(args[0]) \(args[1])}}"
            }
        }
        let name = VariableNames.sanitize(String(head.dropFirst()))
        builder.note("dynamic variable {{\(inner)}} has no Workbench equivalent; replaced by variable '\(name)' (empty: set it with --var \(name)=…)", at: location)
        usedVariables.append(name)
        return "{{\(name)}}"
    }

    private static func arguments(of head: String, prefix: String) -> [String]? {
        guard head.hasSuffix(")") else { return nil }
        let inside = head.dropFirst(prefix.count).dropLast()
        let args = inside.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }
        return args.allSatisfy { Int($0) != nil } ? args : nil
    }

    /// `name.response.body.$.x` or `name.response.headers.X-Id` (REST Client's request variables).
    static func responseReference(_ inner: String) -> ResponseReference? {
        let parts = inner.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[1] == "response", parts[2] == "body" || parts[2] == "headers", !parts[0].isEmpty else {
            return nil
        }
        return ResponseReference(request: parts[0], part: parts[2], selector: parts[3])
    }
}

/// Names requests that the source does not name (curl, HAR): method and path, `GET users 42`.
enum RequestNamer {
    static func name(method: String, url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let host = rest[..<authorityEnd]
        let pathEnd = rest[authorityEnd...].firstIndex { $0 == "?" || $0 == "#" } ?? rest.endIndex
        let path = rest[authorityEnd..<pathEnd].split(separator: "/").joined(separator: " ")
        return "\(method) \(path.isEmpty ? String(host) : path)"
    }
}
