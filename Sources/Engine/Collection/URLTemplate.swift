/// Resolves a request's `url` template so that a value can never leave the URL component it stands in
/// (`docs/collection-format.md`, "Values in URLs").
///
/// - A value that starts the URL (`{{base}}/x`, `{{next}}`) is the URL's beginning: used as written.
/// - A value in the scheme or host (`https://{{host}}/x`) may hold a host name and port only: `/ ? # @ \`,
///   spaces and control characters are refused, so a value cannot change the host or add credentials.
/// - A value in the path is percent-encoded as one segment (`/`, `?`, `#`, `%`, `;`, spaces, CR/LF and
///   non-ASCII escaped); a value that is a whole `.` or `..` segment is refused.
/// - A value in the query or fragment is percent-encoded as a component (everything but `A–Z a–z 0–9 - . _ ~`).
///
/// Literal text is kept as written (with only unsendable bytes escaped, `URLEncoding.normalize`).
enum URLTemplate {
    /// Where in a URL the next character would go.
    enum Component: String {
        case schemeOrHost = "scheme or host"
        case path
        case query
        case fragment
    }

    /// One resolved part of the template.
    struct Part {
        var text: String
        /// `nil` for literal text; else how the value was written (`{{id}}`, `{{$guid}}`).
        var expression: String?
        var variable: String?
    }

    /// The component a character appended to `prefix` would belong to.
    static func component(after prefix: String) -> Component {
        if prefix.contains("#") { return .fragment }
        if prefix.contains("?") { return .query }
        guard let separator = prefix.firstRange(of: "://") else { return .schemeOrHost }
        return prefix[separator.upperBound...].contains("/") ? .path : .schemeOrHost
    }

    static func resolve(_ template: Template, context: ResolveContext) throws(InputError) -> String {
        var located = template
        if located.location == nil { located.location = context.location }
        var parts: [Part] = []
        for part in located.parts {
            let single = Template(raw: located.raw, parts: [part], location: located.location)
            let text = try TemplateResolver.pieces(single, scope: context.scope, environment: context.environment)
                .map(\.text).joined()
            switch part {
            case .literal:
                parts.append(Part(text: text, expression: nil, variable: nil))
            case .variable(let name):
                parts.append(Part(text: text, expression: "{{\(name)}}", variable: name))
            case .generator(let name, let arguments):
                parts.append(Part(text: text, expression: "{{$" + ([name] + arguments).joined(separator: " ") + "}}", variable: nil))
            }
        }
        var url = ""
        for (index, part) in parts.enumerated() {
            guard let expression = part.expression else {
                url += part.text
                continue
            }
            if url.isEmpty {
                url = part.text
                continue
            }
            let next = parts[(index + 1)...].first { !$0.text.isEmpty }?.text.first
            url += try placed(part, expression: expression, in: component(after: url), after: url, before: next,
                              template: located)
        }
        return URLEncoding.normalize(url)
    }

    /// The value as it goes into `component`, or the error that refuses it.
    static func placed(_ part: Part, expression: String, in component: Component, after prefix: String, before next: Character?,
                       template: Template) throws(InputError) -> String {
        let source = part.variable.map { "variable '\($0)'" } ?? expression
        switch component {
        case .schemeOrHost:
            if let bad = part.text.unicodeScalars.first(where: { "/?#@\\".unicodeScalars.contains($0) || $0.value <= 0x20 || $0.value == 0x7F }) {
                throw InputError(
                    "url \"\(template.raw)\": the value of \(source) holds \(describe(bad)), which would change the URL's host; a value in the scheme or host may hold only a host name and port (to take a whole URL from a variable, start the url with it: \"\(expression)\")",
                    at: template.location)
            }
            return part.text
        case .path:
            let wholeSegment = prefix.hasSuffix("/") && (next == nil || next == "/" || next == "?" || next == "#")
            if wholeSegment && (part.text == "." || part.text == "..") {
                throw InputError(
                    "url \"\(template.raw)\": the value of \(source) is '\(part.text)', a dot segment that would climb the URL's path; it is never sent",
                    at: template.location)
            }
            return URLEncoding.encodePathSegment(part.text)
        case .query, .fragment:
            return URLEncoding.encodeComponent(part.text)
        }
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\r": return "a CR"
        case "\n": return "an LF"
        case " ": return "a space"
        default: return scalar.value < 0x20 || scalar.value == 0x7F ? "a control character" : "'\(scalar)'"
        }
    }
}
