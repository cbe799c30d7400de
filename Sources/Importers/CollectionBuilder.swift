import Engine

/// Collects what an importer finds (variables, environments, notes) and writes the collection document.
struct CollectionBuilder {
    var name: String
    var description: String?
    private(set) var variables: [(name: String, value: JSONValue, secret: Bool)] = []
    private(set) var environments: [(name: String, variables: [(name: String, value: JSONValue, secret: Bool)])] = []
    private(set) var notes: [ImportNote] = []
    var defaultOptions = JSONObject()
    /// Names secret wherever they are defined (the collection's `secrets`).
    var secretNames: [String] = []

    init(name: String) {
        self.name = name
    }

    mutating func note(_ message: String, at location: SourceLocation?) {
        let note = ImportNote(message, at: location)
        if !notes.contains(note) { notes.append(note) }
    }

    func hasVariable(_ name: String) -> Bool { variables.contains { $0.name == name } }

    func variableValue(_ name: String) -> JSONValue? { variables.first { $0.name == name }?.value }

    /// Defines a collection variable; the first definition of a name wins (a later one only adds secrecy).
    mutating func define(_ name: String, _ value: JSONValue, secret: Bool = false) {
        if let index = variables.firstIndex(where: { $0.name == name }) {
            if secret { variables[index].secret = true }
            return
        }
        variables.append((name, value, secret || Redactor.isSecretName(name)))
    }

    /// Marks an existing (or future) variable as secret.
    mutating func markSecret(_ name: String) {
        if let index = variables.firstIndex(where: { $0.name == name }) {
            variables[index].secret = true
        } else {
            variables.append((name, .string(""), true))
        }
    }

    /// A variable name not used yet for a different value: `token`, `token_2`, …
    func freshName(_ base: String, for value: JSONValue) -> String {
        var candidate = base
        var n = 2
        while let existing = variableValue(candidate), existing != value {
            candidate = "\(base)_\(n)"
            n += 1
        }
        return candidate
    }

    mutating func addEnvironment(_ name: String, _ variables: [(name: String, value: JSONValue, secret: Bool)]) {
        environments.append((name, variables))
    }

    /// A secret header value given literally becomes a secret variable, so that runs redact it:
    /// `Bearer abc` → `Bearer {{token}}`, any other value → `{{<header name>}}`. Templated values stay.
    mutating func secretHeaderValue(_ name: String, _ value: String) -> String {
        let lower = name.lowercased()
        guard Redactor.defaultSensitiveHeaders.contains(lower) || lower == "x-api-key", !value.contains("{{") else {
            return value
        }
        if value.hasPrefix("Bearer ") {
            let token = String(value.dropFirst(7))
            let variable = freshName("token", for: .string(token))
            define(variable, .string(token), secret: true)
            return "Bearer {{\(variable)}}"
        }
        let base = VariableNames.sanitize(lower)
        let variable = freshName(base, for: .string(value))
        define(variable, .string(value), secret: true)
        return "{{\(variable)}}"
    }

    func document(items: [ImportedItem]) -> JSONValue {
        var o = JSONObject()
        o["name"] = .string(name)
        if let description { o["description"] = .string(description) }
        if !variables.isEmpty { o["variables"] = .object(Self.variablesObject(variables)) }
        let secrets = secretNames.filter { name in !variables.contains { $0.name == name && $0.secret } }
        if !secrets.isEmpty { o["secrets"] = .array(Array(Set(secrets)).sorted().map(JSONValue.string)) }
        if !environments.isEmpty {
            o["environments"] = .object(JSONObject(environments.map { ($0.name, JSONValue.object(Self.variablesObject($0.variables))) }))
        }
        if !defaultOptions.isEmpty { o["defaults"] = .object(JSONObject([("options", .object(defaultOptions))])) }
        o["requests"] = .array(items.map(\.json))
        return .object(o)
    }

    func result(items: [ImportedItem]) -> ImportResult {
        ImportResult(collection: document(items: items), requestCount: items.reduce(0) { $0 + $1.requestCount }, notes: notes)
    }

    private static func variablesObject(_ variables: [(name: String, value: JSONValue, secret: Bool)]) -> JSONObject {
        JSONObject(variables.map { variable -> (key: String, value: JSONValue) in
            let scalar: Bool
            switch variable.value {
            case .array, .object: scalar = false
            default: scalar = true
            }
            if variable.secret || !scalar {
                var wrapped = JSONObject([("value", variable.value)])
                if variable.secret { wrapped["secret"] = .bool(true) }
                return (variable.name, JSONValue.object(wrapped))
            }
            return (variable.name, variable.value)
        })
    }
}

/// Variable and request names as the collection format allows them.
enum VariableNames {
    /// A valid variable name made from any text: other characters become `_`, a leading digit gets `_`.
    static func sanitize(_ text: String) -> String {
        var out = String(text.map { c -> Character in
            c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == ".") ? c : "_"
        })
        if out.isEmpty { out = "_" }
        if let first = out.first, !(first.isLetter || first == "_") { out = "_" + out }
        return out
    }
}

/// Gives requests names that are unique within their group and hold no `/`.
struct NameRegistry {
    private var used: Set<String> = []

    /// The name to use, and a note when it had to change.
    mutating func claim(_ wanted: String) -> (name: String, changed: String?) {
        var base = wanted.trimmingCharacters(in: " \t")
        var reasons: [String] = []
        if base.contains("/") {
            base = base.replacingOccurrences(of: "/", with: "-")
            reasons.append("'/' is not allowed in names")
        }
        if base.isEmpty {
            base = "request"
            reasons.append("it had no name")
        }
        var name = base
        var n = 2
        while used.contains(name) {
            name = "\(base) (\(n))"
            n += 1
        }
        if name != base { reasons.append("the name was already used in its group") }
        used.insert(name)
        guard !reasons.isEmpty else { return (name, nil) }
        return (name, "renamed '\(wanted)' to '\(name)': " + reasons.joined(separator: "; "))
    }
}

extension StringProtocol where SubSequence == Substring {
    /// The text without the given characters at either end.
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = self[...]
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        replacing(target, with: replacement)
    }
}

extension CollectionBuilder {
    /// Marks a variable secret when the collection defines it; a variable defined only in environments is
    /// made secret there by its own `type` or name.
    mutating func markSecretIfDefined(_ name: String) {
        if hasVariable(name) { markSecret(name) } else { secretNames.append(name) }
    }
}
