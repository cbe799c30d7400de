/// Decoding of `requests`: requests and (nested) groups, flattened with defaults merged.
extension CollectionDecoder {
    static let requestKeys = ["name", "description", "method", "url", "query", "headers", "body", "options",
                              "assert", "capture", "expect", "skip"]
    static let groupKeys = ["group", "description", "defaults", "requests"]

    /// Decodes a `requests` array; groups recurse with their defaults merged over `inherited`.
    mutating func decodeItems(_ items: [LocatedJSON], groupPath: [String], inherited: RequestDefaults,
                              into requests: inout [RequestDefinition]) {
        for item in items {
            guard let object = context.object(item, "each entry of `requests` (a request or a group)") else { continue }
            if object.has("group") {
                decodeGroup(object, groupPath: groupPath, inherited: inherited, into: &requests)
            } else if let request = decodeRequest(object, groupPath: groupPath, inherited: inherited) {
                requests.append(request)
            }
        }
    }

    private mutating func decodeGroup(_ object: ObjectNode, groupPath: [String], inherited: RequestDefaults,
                                      into requests: inout [RequestDefinition]) {
        context.checkKeys(object, allowed: Self.groupKeys, required: ["group", "requests"], in: "group")
        var name = ""
        if let node = object["group"], let text = context.string(node, "`group`") {
            name = text
            checkIdentityName(text, what: "group name", at: node.location)
        }
        if let node = object["description"] { _ = context.string(node, "`description`") }
        let what = "group '\(name)'"
        var defaults = inherited
        if let node = object["defaults"] {
            let own = decodeDefaults(node, what: "`defaults` of \(what)")
            defaults = RequestDefaults(headers: Self.mergeHeaders(inherited.headers, own.headers),
                                       options: Self.mergeOptions(inherited.options, own.options),
                                       expectations: own.expectations + inherited.expectations)
        }
        if let node = object["requests"], let items = context.array(node, "`requests` of \(what)") {
            decodeItems(items, groupPath: groupPath + [name], inherited: defaults, into: &requests)
        }
    }

    private mutating func checkIdentityName(_ name: String, what: String, at location: SourceLocation) {
        if name.trimmingWhitespace().isEmpty {
            context.fail("\(what) must not be empty", at: location)
        } else if name.contains("/") {
            context.fail("\(what) '\(name)' must not contain '/', which separates groups in a request's identity (group/name)", at: location)
        }
    }

    private mutating func decodeRequest(_ object: ObjectNode, groupPath: [String], inherited: RequestDefaults) -> RequestDefinition? {
        let nameNode = object["name"]
        let label: String
        if case .string(let name, _)? = nameNode { label = "request '\(name)'" } else { label = "request" }
        context.checkKeys(object, allowed: Self.requestKeys, required: ["name", "url"], in: label)

        var name: String?
        if let node = nameNode, let text = context.string(node, "`name`") {
            checkIdentityName(text, what: "request name", at: node.location)
            name = text
        }
        if let node = object["description"] { _ = context.string(node, "`description`") }

        var method = Template.literal("GET")
        method.location = object.location
        if let node = object["method"], let template = context.template(node, "`method`") {
            method = template
            if template.variableNames.isEmpty, !template.parts.contains(where: { if case .generator = $0 { true } else { false } }),
               !HTTPSyntax.isMethod(template.raw) {
                context.fail("invalid method '\(template.raw)' in \(label); a method is letters only, e.g. GET, POST, PATCH", at: node.location)
            }
        }

        var url = Template.literal("")
        if let node = object["url"], let template = context.template(node, "`url`") {
            url = template
            if let problem = Self.urlProblem(template) {
                context.fail("invalid url \"\(template.raw)\" in \(label): \(problem)", at: node.location)
            }
        }

        var request = RequestDefinition(name: name ?? "", groupPath: groupPath, method: method, url: url, location: object.location)
        if let node = object["query"] { request.query = decodeFields(node, what: "`query`") }
        var headers: [NamedTemplate] = []
        if let node = object["headers"] { headers = decodeHeaders(node, what: label) }
        request.headers = Self.mergeHeaders(inherited.headers, headers)
        if let node = object["body"] { request.body = decodeBody(node) }
        var options = OptionsDefinition()
        if let node = object["options"] { options = decodeOptions(node) }
        request.options = Self.mergeOptions(inherited.options, options)
        if let node = object["assert"] { request.assertions = decodeAssertions(node) }
        if let node = object["capture"] { request.captures = decodeCaptures(node) }
        if let node = object["expect"] { request.expectations = decodeExpectations(node) }
        request.expectations += inherited.expectations
        if let node = object["skip"] { request.skip = context.bool(node, "`skip`") ?? false }
        return name == nil ? nil : request
    }

    /// Why a URL template cannot be a request URL, or nil. After stripping templates the URL must look
    /// like an absolute http(s) URL, or start with an expression (`{{base}}/echo`).
    static func urlProblem(_ template: Template) -> String? {
        guard let first = template.parts.first else { return "the url is empty; write an absolute URL like \"https://example.com/path\" or \"{{base}}/path\"" }
        if case .literal = first {} else { return nil }
        let text = template.parts.map { part -> String in
            if case .literal(let literal) = part { return literal }
            return "x"
        }.joined()
        let lower = text.lowercased()
        let scheme = lower.hasPrefix("http://") ? 7 : lower.hasPrefix("https://") ? 8 : 0
        guard scheme > 0 else {
            return "a url must be absolute (http:// or https://) or start with a variable like {{base}}"
        }
        let host = lower.dropFirst(scheme).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty else { return "the url has no host after '\(lower.prefix(scheme))'" }
        return nil
    }

    /// Headers merged by name, case-insensitively: an override replaces the inherited header in place.
    static func mergeHeaders(_ base: [NamedTemplate], _ overrides: [NamedTemplate]) -> [NamedTemplate] {
        var result = base
        for header in overrides {
            if let index = result.firstIndex(where: { $0.name.lowercased() == header.name.lowercased() }) {
                result[index] = header
            } else {
                result.append(header)
            }
        }
        return result
    }

    /// Options merged field by field (timeouts phase by phase); `overrides` wins.
    static func mergeOptions(_ base: OptionsDefinition, _ overrides: OptionsDefinition) -> OptionsDefinition {
        var result = base
        if let timeout = overrides.timeout {
            var merged = base.timeout ?? TimeoutDefinition()
            if let value = timeout.connect { merged.connect = value }
            if let value = timeout.read { merged.read = value }
            if let value = timeout.write { merged.write = value }
            if let value = timeout.pool { merged.pool = value }
            if let value = timeout.total { merged.total = value }
            result.timeout = merged
        }
        if let value = overrides.followRedirects { result.followRedirects = value }
        if let value = overrides.maxRedirects { result.maxRedirects = value }
        if let value = overrides.proxy { result.proxy = value }
        if let value = overrides.caFile { result.caFile = value }
        if let value = overrides.insecure { result.insecure = value }
        if let value = overrides.clientCert { result.clientCert = value }
        if let value = overrides.clientKey { result.clientKey = value }
        if let value = overrides.httpVersion { result.httpVersion = value }
        if let value = overrides.compressed { result.compressed = value }
        return result
    }
}
