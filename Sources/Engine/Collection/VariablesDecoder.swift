/// Decoding of `variables` and of each environment's variables.
extension CollectionDecoder {
    /// `{"user": "alice", "n": 3, "token": {"value": "s3cret", "secret": true}}`
    mutating func decodeVariables(_ node: LocatedJSON, what: String) -> [Variable] {
        guard let object = context.object(node, what) else { return [] }
        checkDuplicateKeys(object, in: what)
        var variables: [Variable] = []
        for member in object.members {
            let name = member.key
            if !TemplateParser.isValidVariableName(name) {
                context.fail(
                    "invalid variable name '\(name)' in \(what); names start with a letter or '_' and hold letters, digits, '_', '-' or '.'",
                    at: member.keyLocation)
            }
            switch member.value {
            case .string, .number, .bool, .null:
                context.checkTemplates(in: member.value)
                variables.append(Variable(name: name, value: member.value.value))
            case .object:
                guard let wrapper = context.object(member.value, "variable '\(name)'") else { continue }
                context.checkKeys(wrapper, allowed: ["value", "secret"], required: ["value"], in: "variable '\(name)'")
                var secret = false
                if let flag = wrapper["secret"] { secret = context.bool(flag, "`secret` of variable '\(name)'") ?? false }
                if let value = wrapper["value"] {
                    context.checkTemplates(in: value)
                    variables.append(Variable(name: name, value: value.value, secret: secret))
                }
            case .array:
                context.fail(
                    "variable '\(name)' must be a string, number, true/false, null or {\"value\": …, \"secret\": true}, found array (wrap lists as {\"value\": [...]})",
                    at: member.value.location)
            }
        }
        return variables
    }

    /// `{"headers": {...}, "options": {...}}` of the collection or of a group.
    mutating func decodeDefaults(_ node: LocatedJSON, what: String) -> RequestDefaults {
        var defaults = RequestDefaults()
        guard let object = context.object(node, what) else { return defaults }
        context.checkKeys(object, allowed: ["headers", "options", "expect"], in: what)
        if let headers = object["headers"] { defaults.headers = decodeHeaders(headers, what: "headers in \(what)") }
        if let options = object["options"] { defaults.options = decodeOptions(options) }
        if let expect = object["expect"] {
            defaults.expectations = decodeExpectations(expect).map { e in
                var e = e
                e.inherited = true
                return e
            }
        }
        return defaults
    }

    /// `{"Accept": "application/json", "X-Id": "{{$guid}}"}`: names literal (RFC 7230 tokens), values templates.
    mutating func decodeHeaders(_ node: LocatedJSON, what: String) -> [NamedTemplate] {
        guard let object = context.object(node, "`headers`") else { return [] }
        var seen: [String: SourceLocation] = [:]
        var headers: [NamedTemplate] = []
        for member in object.members {
            let lower = member.key.lowercased()
            if let first = seen[lower] {
                context.fail("duplicate header '\(member.key)' in \(what) (first at line \(first.line)); header names are case-insensitive", at: member.keyLocation)
                continue
            }
            seen[lower] = member.keyLocation
            if !HTTPSyntax.isToken(member.key) {
                context.fail(
                    "invalid header name '\(member.key)'; header names are letters, digits and !#$%&'*+-.^_`|~ with no spaces",
                    at: member.keyLocation)
            }
            guard let value = context.template(member.value, "header '\(member.key)'") else { continue }
            headers.append(NamedTemplate(name: member.key, value: value))
        }
        return headers
    }

    /// Query parameters or form fields: `{"a": "1", "page": 2, "tags": ["x", "y"]}` (a list repeats the name).
    mutating func decodeFields(_ node: LocatedJSON, what: String) -> [NamedTemplate] {
        guard let object = context.object(node, what) else { return [] }
        checkDuplicateKeys(object, in: what)
        var fields: [NamedTemplate] = []
        for member in object.members {
            if case .array(let items, _) = member.value {
                for item in items {
                    if let value = fieldValue(item, name: member.key, what: what) {
                        fields.append(NamedTemplate(name: member.key, value: value))
                    }
                }
            } else if let value = fieldValue(member.value, name: member.key, what: what) {
                fields.append(NamedTemplate(name: member.key, value: value))
            }
        }
        return fields
    }

    private mutating func fieldValue(_ node: LocatedJSON, name: String, what: String) -> Template? {
        switch node {
        case .string(let text, let location):
            return context.template(text, at: location)
        case .number, .bool:
            var template = Template.literal(node.value.serialized())
            template.location = node.location
            return template
        case .null, .array, .object:
            context.fail("'\(name)' in \(what) must be a string, number, true/false or a list of those, found \(node.typeName)", at: node.location)
            return nil
        }
    }
}

/// Small HTTP syntax rules (RFC 7230/9110).
enum HTTPSyntax {
    /// tchar: `!#$%&'*+-.^_`|~`, digits, letters.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || "!#$%&'*+-.^_`|~".utf8.contains(b)
        }
    }

    /// A method as the format accepts it: letters only (a subset of RFC 7230 tokens); case kept as written.
    static func isMethod(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
    }
}
