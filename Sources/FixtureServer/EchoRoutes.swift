import NIOCore
import NIOHTTP1

/// `/echo`, `/anything[/...]`, `/get`, `/delay/{ms}`, `/headers` and `/gzip`: routes that describe the request.
enum EchoRoutes {
    /// The request as JSON; `?status=` overrides the status.
    static func echo(_ request: FixtureRequest) throws(BadRequest) -> FixtureResponse {
        var status = HTTPResponseStatus.ok
        if let text = request.query.first("status") {
            status = try statusParameter(text, named: "status")
        }
        return .json(describe(request), status: status)
    }

    static func describe(_ request: FixtureRequest) -> JSON {
        let bytes = request.bodyBytes
        let text = String(validating: bytes, as: UTF8.self)
        let isForm = request.head.headers.first(name: "content-type")?.lowercased()
            .hasPrefix("application/x-www-form-urlencoded") ?? false
        return .object([
            ("method", .string(request.method)),
            ("path", .string(request.path)),
            ("url", .string(request.url)),
            ("query", request.query.json),
            ("headers", .array(request.headerPairs.map { .array([.string($0.name), .string($0.value)]) })),
            ("body", .optionalString(text)),
            ("bodyBase64", text == nil ? .string(Base64.encode(bytes)) : .null),
            ("bodySize", .int(bytes.count)),
            ("json", bytes.isEmpty ? .null : JSONParser.parse(bytes) ?? .null),
            ("form", isForm ? text.map { QueryString(Substring($0)).json } ?? .null : .null),
        ])
    }

    /// `{"headers": {lower-cased name: value}}`; repeated names are joined with `, `.
    static func headers(_ request: FixtureRequest) -> FixtureResponse {
        .json(.object([("headers", lowerCasedHeaders(request))]))
    }

    /// A JSON description of the request, sent with `Content-Encoding: gzip`.
    static func gzip(_ request: FixtureRequest) -> FixtureResponse {
        let document = JSON.object([
            ("gzipped", .bool(true)),
            ("method", .string(request.method)),
            ("headers", lowerCasedHeaders(request)),
        ])
        var response = FixtureResponse.bytes(Gzip.wrap(document.bodyBytes), contentType: "application/json")
        response.headers.add(name: "Content-Encoding", value: "gzip")
        return response
    }

    private static func lowerCasedHeaders(_ request: FixtureRequest) -> JSON {
        var order: [String] = []
        var values: [String: String] = [:]
        for (name, value) in request.headerPairs {
            let key = name.lowercased()
            if let existing = values[key] {
                values[key] = existing + ", " + value
            } else {
                order.append(key)
                values[key] = value
            }
        }
        return .object(order.map { ($0, .string(values[$0] ?? "")) })
    }
}
