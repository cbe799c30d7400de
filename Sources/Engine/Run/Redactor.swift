/// Removes secret values from results before they reach the store, the terminal or an export.
///
/// A secret's value is replaced by a reference to the variable that supplied it (`{{token}}`);
/// values of sensitive headers (`Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`) that
/// came from no known secret become `<redacted>`.
public struct Redactor: Sendable {
    /// Secret values (at least `minimumLength` bytes) and what replaces them (`{{name}}`, or `<redacted>` for
    /// the value of a sensitive header), longest first.
    public private(set) var secrets: [(value: String, replacement: String)]
    public var sensitiveHeaders: Set<String>

    /// Values shorter than this are not searched for (redacting `1` everywhere would destroy the record).
    public static let minimumLength = 3
    public static let defaultSensitiveHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]
    /// `--var` names that are secret by default.
    public static func isSecretName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["token", "password", "secret", "apikey", "api_key", "api-key"].contains { lower.contains($0) }
    }

    public init(sensitiveHeaders: Set<String> = Redactor.defaultSensitiveHeaders) {
        self.secrets = []
        self.sensitiveHeaders = sensitiveHeaders
    }

    public var isEmpty: Bool { secrets.isEmpty && sensitiveHeaders.isEmpty }

    /// Registers a secret value supplied by variable `name`.
    public mutating func add(value: String, name: String) {
        add(value: value, replacement: "{{\(name)}}")
        // The forms a value takes in a URL or a form body (`docs/collection-format.md`, "Values in URLs").
        for encoded in [URLEncoding.encodePathSegment(value), URLEncoding.encodeComponent(value),
                        URLEncoding.encodeFormComponent(value), URLEncoding.normalize(value)] where encoded != value {
            add(value: encoded, replacement: "{{\(name)}}")
        }
    }

    private mutating func add(value: String, replacement: String) {
        guard value.utf8.count >= Redactor.minimumLength, !secrets.contains(where: { $0.value == value }) else { return }
        secrets.append((value, replacement))
        secrets.sort { $0.value.utf8.count > $1.value.utf8.count }
    }

    /// Registers the values of sensitive headers found in a result, so that they are redacted wherever else
    /// they appear (an echo server returns them in its body).
    mutating func addSensitiveHeaderValues(of result: RequestResult) {
        guard !sensitiveHeaders.isEmpty else { return }
        var fields: [HeaderField] = result.observed?.headers ?? []
        for exchange in result.exchanges {
            fields += exchange.request.headers
            fields += exchange.response?.headers ?? []
        }
        for field in fields where sensitiveHeaders.contains(field.name.lowercased()) {
            let value = field.value.trimmingPrefix("Bearer ").trimmingPrefix("Basic ")
            if redact(String(value)) == String(value) { add(value: String(value), replacement: "<redacted>") }
        }
    }

    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var out = text
        for secret in secrets where out.contains(secret.value) {
            out = out.replacing(secret.value, with: secret.replacement)
        }
        return out
    }

    public func redact(_ bytes: [UInt8]) -> [UInt8] {
        guard !secrets.isEmpty, !bytes.isEmpty else { return bytes }
        var out = bytes
        for secret in secrets {
            let needle = Array(secret.value.utf8)
            guard out.count >= needle.count, out.firstRange(of: needle) != nil else { continue }
            out = out.replacing(needle, with: Array(secret.replacement.utf8))
        }
        return out
    }

    public func redact(_ headers: [HeaderField]) -> [HeaderField] {
        headers.map { field in
            let value = redact(field.value)
            if sensitiveHeaders.contains(field.name.lowercased()), !field.value.isEmpty, !value.contains("{{") {
                return HeaderField(field.name, "<redacted>")
            }
            return HeaderField(field.name, value)
        }
    }

    public func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s): return .string(redact(s))
        case .array(let items): return .array(items.map(redact))
        case .object(let o): return .object(JSONObject(o.members.map { ($0.key, redact($0.value)) }))
        default: return value
        }
    }

    /// The result with every secret removed.
    public func redact(_ result: RequestResult) -> RequestResult {
        guard !isEmpty else { return result }
        // The common case: no secret to look for and no sensitive header in the result; nothing would change.
        if secrets.isEmpty && !hasSensitiveHeader(result) { return result }
        var redactor = self
        redactor.addSensitiveHeaderValues(of: result)
        return redactor.redactAll(result)
    }

    /// Whether any header of the result is a sensitive one (ASCII case-insensitive, without allocating).
    private func hasSensitiveHeader(_ result: RequestResult) -> Bool {
        guard !sensitiveHeaders.isEmpty else { return false }
        let names = Array(sensitiveHeaders)
        if let observed = result.observed, Self.anySensitive(observed.headers, names, sensitiveHeaders) { return true }
        for exchange in result.exchanges {
            if Self.anySensitive(exchange.request.headers, names, sensitiveHeaders) { return true }
            if let response = exchange.response, Self.anySensitive(response.headers, names, sensitiveHeaders) { return true }
        }
        return false
    }

    /// One pass over each header name: an ASCII name is compared, folded, with the sensitive names of its
    /// length; a name with non-ASCII bytes takes the slow path, exactly what `redactAll` compares.
    private static func anySensitive(_ fields: [HeaderField], _ names: [String], _ set: Set<String>) -> Bool {
        for field in fields {
            var name = field.name
            let sensitive = name.withUTF8 { a -> Bool in
                for byte in a where byte >= 0x80 { return set.contains(String(decoding: a, as: UTF8.self).lowercased()) }
                for candidate in names where candidate.utf8.count == a.count && equalsFolded(a, candidate) { return true }
                return false
            }
            if sensitive { return true }
        }
        return false
    }

    /// `ascii`, folded to lower case, equals the lower-case `lowercase` of the same length.
    private static func equalsFolded(_ ascii: UnsafeBufferPointer<UInt8>, _ lowercase: String) -> Bool {
        var index = 0
        for byte in lowercase.utf8 {
            let c = ascii[index]
            if ASCIICase.lower(c) != byte { return false }
            index += 1
        }
        return true
    }

    private func redactAll(_ result: RequestResult) -> RequestResult {
        var r = result
        r.url = redact(r.url)
        r.exchanges = r.exchanges.map { exchange in
            var e = exchange
            e.request.url = redact(e.request.url)
            e.request.headers = redact(e.request.headers)
            if var response = e.response {
                response.headers = redact(response.headers)
                response.body = redact(response.body)
                response.redirectURL = response.redirectURL.map(redact)
                e.response = response
            }
            if var error = e.error {
                error.message = redact(error.message)
                e.error = error
            }
            return e
        }
        if var observed = r.observed {
            observed.url = redact(observed.url)
            observed.headers = redact(observed.headers)
            observed.body = redact(observed.body)
            r.observed = observed
        }
        if var error = r.error {
            error.message = redact(error.message)
            r.error = error
        }
        if var python = r.pythonError {
            python.message = redact(python.message)
            r.pythonError = python
        }
        r.effects = r.effects.map { Effect($0.code, redact($0.message)) }
        r.assertions = r.assertions.map { a in
            var a = a
            a.expected = redact(a.expected)
            a.actual = redact(a.actual)
            a.message = a.message.map(redact)
            return a
        }
        r.captures = r.captures.map { c in
            var c = c
            if c.secret, c.value != nil {
                c.value = .string("{{\(c.name)}}")
            } else {
                c.value = c.value.map(redact)
            }
            return c
        }
        return r
    }
}
