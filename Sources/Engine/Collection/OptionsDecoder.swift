/// Decoding of `options`: literal values, or template strings (`"{{t}}"`) resolved at run time.
extension CollectionDecoder {
    static let optionKeys = ["timeout", "followRedirects", "maxRedirects", "proxy", "caFile", "insecure",
                             "clientCert", "clientKey", "httpVersion", "compressed"]
    static let timeoutKeys = ["connect", "read", "write", "pool", "total"]

    mutating func decodeOptions(_ node: LocatedJSON) -> OptionsDefinition {
        var options = OptionsDefinition()
        guard let object = context.object(node, "`options`") else { return options }
        context.checkKeys(object, allowed: Self.optionKeys, in: "`options`")
        if let node = object["timeout"] { options.timeout = decodeTimeout(node) }
        if let node = object["followRedirects"] { options.followRedirects = templatedBool(node, "`followRedirects`") }
        if let node = object["maxRedirects"] {
            if case .number = node {
                options.maxRedirects = context.integer(node, "`maxRedirects`", in: 0...1000).map { .literal($0) }
            } else {
                options.maxRedirects = templateOnly(node, "`maxRedirects`", expected: "a whole number")
            }
        }
        if let node = object["proxy"] { options.proxy = context.template(node, "`proxy`") }
        if let node = object["caFile"] { options.caFile = context.template(node, "`caFile`") }
        if let node = object["insecure"] { options.insecure = templatedBool(node, "`insecure`") }
        if let node = object["clientCert"] { options.clientCert = context.template(node, "`clientCert`") }
        if let node = object["clientKey"] { options.clientKey = context.template(node, "`clientKey`") }
        if let node = object["httpVersion"] { options.httpVersion = decodeHTTPVersion(node) }
        if let node = object["compressed"] { options.compressed = templatedBool(node, "`compressed`") }
        return options
    }

    /// `5` (every phase), `{"connect": 2, …}`, or `"{{t}}"` (every phase).
    private mutating func decodeTimeout(_ node: LocatedJSON) -> TimeoutDefinition? {
        switch node {
        case .number:
            guard let seconds = seconds(node, "`timeout`") else { return nil }
            let value = Templated<Double>.literal(seconds)
            return TimeoutDefinition(connect: value, read: value, write: value, pool: value)
        case .object:
            guard let object = context.object(node, "`timeout`") else { return nil }
            context.checkKeys(object, allowed: Self.timeoutKeys, in: "`timeout`")
            var timeout = TimeoutDefinition()
            if let node = object["connect"] { timeout.connect = templatedSeconds(node, "`timeout.connect`") }
            if let node = object["read"] { timeout.read = templatedSeconds(node, "`timeout.read`") }
            if let node = object["write"] { timeout.write = templatedSeconds(node, "`timeout.write`") }
            if let node = object["pool"] { timeout.pool = templatedSeconds(node, "`timeout.pool`") }
            if let node = object["total"] { timeout.total = templatedSeconds(node, "`timeout.total`") }
            return timeout
        case .string(let text, let location) where text.contains("{{"):
            guard let template = context.template(text, at: location) else { return nil }
            let value = Templated<Double>.template(template)
            return TimeoutDefinition(connect: value, read: value, write: value, pool: value)
        default:
            context.fail("`timeout` must be a number or an object, found \(node.typeName) (seconds, e.g. 5, {\"connect\": 2, \"read\": 10}, or a template like \"{{timeout}}\")", at: node.location)
            return nil
        }
    }

    private mutating func seconds(_ node: LocatedJSON, _ what: String) -> Double? {
        guard let value = context.number(node, what) else { return nil }
        guard value >= 0, value.isFinite else {
            context.fail("\(what) must be zero or more seconds, found \(node.value.serialized())", at: node.location)
            return nil
        }
        return value
    }

    private mutating func templatedSeconds(_ node: LocatedJSON, _ what: String) -> Templated<Double>? {
        if case .number = node { return seconds(node, what).map { .literal($0) } }
        return templateOnly(node, what, expected: "a number of seconds")
    }

    private mutating func templatedBool(_ node: LocatedJSON, _ what: String) -> Templated<Bool>? {
        if case .bool(let value, _) = node { return .literal(value) }
        return templateOnly(node, what, expected: "true or false")
    }

    private mutating func decodeHTTPVersion(_ node: LocatedJSON) -> Templated<HTTPVersionOption>? {
        switch node {
        case .string(let text, _) where !text.contains("{{"):
            if let version = HTTPVersionOption(rawValue: text) { return .literal(version) }
        case .number(let number, _):
            if number == 1.1 { return .literal(.http1_1) }
            if number == 2 { return .literal(.http2) }
        default:
            return templateOnly(node, "`httpVersion`", expected: "\"1.1\" or \"2\"")
        }
        context.fail("`httpVersion` must be \"1.1\" or \"2\", found \(node.value.serialized())", at: node.location)
        return nil
    }

    /// A string holding at least one expression, else an error naming what a literal must be.
    private mutating func templateOnly<Value>(_ node: LocatedJSON, _ what: String, expected: String) -> Templated<Value>? {
        if case .string(let text, let location) = node, text.contains("{{") {
            return context.template(text, at: location).map { .template($0) }
        }
        let found = node.typeName == "string" ? "string \(node.value.serialized())" : node.typeName
        context.fail("\(what) must be \(expected) or a template like \"{{name}}\", found \(found)", at: node.location)
        return nil
    }
}
