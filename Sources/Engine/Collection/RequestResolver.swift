/// The plan step: one `RequestDefinition` with every template resolved into a `RequestSpec`.
public enum RequestResolver {
    /// Resolves method (case kept as written), URL with the query appended and percent-encoded (a value
    /// cannot leave the URL component it stands in: `URLTemplate`), headers
    /// (a CR or LF is an error, never sent), body (with its implied `Content-Type` unless one is given) and
    /// options (httpx's defaults for what the collection leaves out).
    ///
    /// - Parameters:
    ///   - collectionDirectory: the collection file's folder; body, multipart and certificate paths are relative to it.
    ///   - environment: the process environment, for `{{$processEnv NAME}}`.
    ///   - allowedPaths: directories outside the collection's folder that body and multipart files may come from.
    public static func resolve(_ request: RequestDefinition, scope: VariableScope, collectionDirectory: String,
                               environment: [String: String], allowedPaths: [String] = []) throws(InputError) -> RequestSpec {
        let context = ResolveContext(scope: scope, environment: environment, directory: collectionDirectory,
                                     allowedPaths: allowedPaths, location: request.location)
        let method = try context.text(request.method)
        guard HTTPSyntax.isMethod(method) else {
            throw InputError("method '\(method)' (from \"\(request.method.raw)\") is not a valid method; use letters only, e.g. GET",
                             at: request.method.location ?? request.location)
        }

        var url = try URLTemplate.resolve(request.url, context: context)
        var pairs: [(name: String, value: String)] = []
        for field in request.query { pairs.append((field.name, try context.text(field.value))) }
        url = URLEncoding.appendingQuery(url, pairs)
        if let problem = absoluteURLProblem(url) {
            throw InputError("url '\(url)' (from \"\(request.url.raw)\") \(problem)", at: request.url.location ?? request.location)
        }

        var headers: [HeaderField] = []
        for header in request.headers {
            headers.append(HeaderField(header.name, try context.headerValue(header)))
        }
        var body = RequestBody.none
        if let definition = request.body {
            body = try context.body(definition, headers: &headers)
        }
        let options = try context.options(request.options)
        return RequestSpec(method: method, url: url, headers: headers, body: body, options: options)
    }

    /// Why a resolved URL cannot be sent, or nil. Reads the UTF-8 bytes once (it runs for every request sent).
    static func absoluteURLProblem(_ url: String) -> String? {
        var text = url
        return text.withUTF8 { bytes -> String? in
            let scheme = schemeLength(bytes)
            guard scheme > 0 else { return "is not an absolute http:// or https:// URL" }
            // The authority runs to the first '/', '?' or '#'; the host is its last non-empty '@'-separated part.
            var end = scheme
            while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"),
                  bytes[end] != UInt8(ascii: "#") {
                end += 1
            }
            var hostEnd = end
            while hostEnd > scheme, bytes[hostEnd - 1] == UInt8(ascii: "@") { hostEnd -= 1 }
            var hostStart = hostEnd
            while hostStart > scheme, bytes[hostStart - 1] != UInt8(ascii: "@") { hostStart -= 1 }
            guard hostStart < hostEnd, bytes[hostStart] != UInt8(ascii: ":") else { return "has no host" }
            return nil
        }
    }

    /// 7 for `http://`, 8 for `https://` (any case), else 0.
    private static func schemeLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        func lower(_ i: Int) -> UInt8 { ASCIICase.lower(bytes[i]) }
        guard bytes.count >= 7, lower(0) == UInt8(ascii: "h"), lower(1) == UInt8(ascii: "t"), lower(2) == UInt8(ascii: "t"),
              lower(3) == UInt8(ascii: "p") else { return 0 }
        var i = 4
        if lower(i) == UInt8(ascii: "s") { i += 1 }
        guard i + 3 <= bytes.count, bytes[i] == UInt8(ascii: ":"), bytes[i + 1] == UInt8(ascii: "/"),
              bytes[i + 2] == UInt8(ascii: "/") else { return 0 }
        return i + 3
    }
}

/// What resolving one request needs; small helpers shared by the URL, header, body and option steps.
struct ResolveContext {
    let scope: VariableScope
    let environment: [String: String]
    let directory: String
    let allowedPaths: [String]
    let location: SourceLocation

    func text(_ template: Template) throws(InputError) -> String {
        var located = template
        if located.location == nil { located.location = location }
        return try TemplateResolver.resolve(located, scope: scope, environment: environment)
    }

    /// A header's value; a CR, LF or NUL (header injection) is an error naming the variable that supplied it.
    func headerValue(_ header: NamedTemplate) throws(InputError) -> String {
        var template = header.value
        if template.location == nil { template.location = location }
        let pieces = try TemplateResolver.pieces(template, scope: scope, environment: environment)
        for piece in pieces where piece.text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
            let source = piece.variable.map { " (from variable '\($0)')" } ?? ""
            throw InputError(
                "header \(header.name) contains a line break\(source); it is never sent, because a line break would start a new header",
                at: template.location)
        }
        return pieces.map(\.text).joined()
    }

    func resolvedPath(_ template: Template, what: String, confined: Bool) throws(InputError) -> (path: String, size: Int64) {
        try CollectionPaths.resolveFile(try text(template), what: what, directory: directory, allowedPaths: allowedPaths,
                                        confined: confined, location: template.location ?? location)
    }
}
