import Engine

/// Postman `auth` (already resolved through inheritance) → headers or query parameters.
enum PostmanAuth {
    static func apply(_ auth: LocatedJSON?, to request: inout ImportedRequest, where path: String, state: inout PostmanState) {
        guard let auth, let type = PostmanJSON.string(auth, "type") else { return }
        let values = PostmanJSON.keyValues(PostmanJSON.member(auth, type))
        func value(_ key: String) -> String? {
            PostmanJSON.text(values[key]).map { state.translate($0, at: values[key]?.location ?? auth.location) }
        }
        switch type {
        case "noauth": return
        case "bearer":
            let token = value("token") ?? ""
            request.setHeader("Authorization", secretReference("Bearer ", token, base: "token", state: &state))
        case "basic":
            let user = value("username") ?? ""
            let password = value("password") ?? ""
            if let encoded = basic(user, password, state: state) {
                let name = state.builder.freshName("basic_credentials", for: .string(encoded))
                state.builder.define(name, .string(encoded), secret: true)
                request.setHeader("Authorization", "Basic {{\(name)}}")
            } else {
                let name = state.builder.freshName("basic_credentials", for: .string(""))
                state.builder.define(name, .string(""), secret: true)
                state.builder.note("basic auth of '\(path)' uses variables that are not known at import time; set '\(name)' to base64(user:password)", at: auth.location)
                request.setHeader("Authorization", "Basic {{\(name)}}")
            }
        case "apikey":
            let key = value("key") ?? "X-API-Key"
            let secret = value("value") ?? ""
            let reference = secretReference("", secret, base: "apiKey", state: &state)
            if (PostmanJSON.text(values["in"]) ?? "header") == "query" {
                request.url += (request.url.contains("?") ? "&" : "?") + key + "=" + reference
            } else {
                request.setHeader(key, reference)
            }
        case "oauth2":
            if let token = value("accessToken"), !token.isEmpty {
                let prefix = value("headerPrefix") ?? "Bearer"
                request.setHeader("Authorization", secretReference(prefix + " ", token, base: "token", state: &state))
                state.builder.note("OAuth 2.0 of '\(path)': the stored access token is sent as is; Workbench does not fetch or refresh tokens", at: auth.location)
            } else {
                state.builder.note("OAuth 2.0 of '\(path)' has no stored access token; Workbench does not run OAuth flows, so no Authorization header is sent", at: auth.location)
            }
        default:
            state.builder.note("auth type '\(type)' of '\(path)' is not supported (Workbench writes bearer, basic, API key and stored OAuth 2.0 tokens); no credentials are sent", at: auth.location)
        }
    }

    /// A secret as a variable reference: `{{var}}` stays (and the variable becomes secret), literal text
    /// becomes a new secret variable.
    private static func secretReference(_ prefix: String, _ value: String, base: String, state: inout PostmanState) -> String {
        if value.hasPrefix("{{"), value.hasSuffix("}}"), value.dropFirst(2).dropLast(2).allSatisfy({ $0 != "{" && $0 != "}" }) {
            let name = String(value.dropFirst(2).dropLast(2)).trimmingCharacters(in: " ")
            if TemplateParser.isValidVariableName(name) { state.builder.markSecretIfDefined(name) }
            return prefix + value
        }
        if value.contains("{{") { return prefix + value }
        let name = state.builder.freshName(base, for: .string(value))
        state.builder.define(name, .string(value), secret: true)
        return prefix + "{{\(name)}}"
    }

    /// base64(user:password) when both are known now (literal, or collection variables holding literals).
    private static func basic(_ user: String, _ password: String, state: PostmanState) -> String? {
        func resolve(_ text: String) -> String? {
            guard text.contains("{{") else { return text }
            guard text.hasPrefix("{{"), text.hasSuffix("}}") else { return nil }
            let name = String(text.dropFirst(2).dropLast(2)).trimmingCharacters(in: " ")
            guard let value = state.builder.variableValue(name)?.stringValue, !value.contains("{{") else { return nil }
            return value
        }
        guard let u = resolve(user), let p = resolve(password) else { return nil }
        return Base64.encode(Array("\(u):\(p)".utf8))
    }
}
