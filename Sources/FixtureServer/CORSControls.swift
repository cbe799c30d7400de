import NIOHTTP1

/// The CORS behaviour a request asks of the server through its query parameters.
///
/// Actual responses: `acao`, `acac`, `aceh`, `vary` and `header=Name:Value`, each repeatable
/// (every value becomes its own header line). Preflights (`OPTIONS` with
/// `Access-Control-Request-Method`, any path): `pf_status` (default 204), `pf_acao` (default: the
/// `acao` values), `pf_acam`, `pf_acah`, `pf_acac`, `pf_max_age`, `pf_header`, `pf_delay`.
/// An omitted parameter means the header is absent.
enum CORSControls {
    private static let actualParameters: [(parameter: String, header: String)] = [
        ("acao", "Access-Control-Allow-Origin"),
        ("acac", "Access-Control-Allow-Credentials"),
        ("aceh", "Access-Control-Expose-Headers"),
        ("vary", "Vary"),
    ]

    private static let preflightParameters: [(parameter: String, header: String)] = [
        ("pf_acam", "Access-Control-Allow-Methods"),
        ("pf_acah", "Access-Control-Allow-Headers"),
        ("pf_acac", "Access-Control-Allow-Credentials"),
        ("pf_max_age", "Access-Control-Max-Age"),
    ]

    /// Adds the headers of an actual (non-preflight) response.
    static func applyActual(_ query: QueryString, to headers: inout HTTPHeaders) throws(BadRequest) {
        guard !query.pairs.isEmpty else { return }
        for (parameter, header) in actualParameters {
            for value in query.values(parameter) {
                try HeaderSafety.checkValue(value, for: parameter)
                headers.add(name: header, value: value)
            }
        }
        for parameter in query.values("header") {
            let (name, value) = try HeaderSafety.parseHeaderParameter(parameter, named: "header")
            headers.add(name: name, value: value)
        }
    }

    /// The complete answer to a preflight: status, CORS headers, empty body, `pf_delay`.
    static func preflightResponse(_ query: QueryString) throws(BadRequest) -> FixtureResponse {
        var response = FixtureResponse(status: .noContent)
        if let status = query.first("pf_status") {
            response.status = try statusParameter(status, named: "pf_status")
        }
        let origins = query.contains("pf_acao") ? query.values("pf_acao") : query.values("acao")
        for origin in origins {
            try HeaderSafety.checkValue(origin, for: "pf_acao")
            response.headers.add(name: "Access-Control-Allow-Origin", value: origin)
        }
        for (parameter, header) in preflightParameters {
            for value in query.values(parameter) {
                try HeaderSafety.checkValue(value, for: parameter)
                response.headers.add(name: header, value: value)
            }
        }
        for parameter in query.values("pf_header") {
            let (name, value) = try HeaderSafety.parseHeaderParameter(parameter, named: "pf_header")
            response.headers.add(name: name, value: value)
        }
        response.delayMilliseconds = try delayParameter(query.first("pf_delay"), named: "pf_delay")
        return response
    }
}

/// The longest delay a request may ask for (10 minutes).
let maxDelayMilliseconds: Int64 = 600_000

/// Parses a delay in milliseconds (absent means 0).
func delayParameter(_ text: String?, named name: String) throws(BadRequest) -> Int64 {
    guard let text else { return 0 }
    guard let value = Int64(text), value >= 0, value <= maxDelayMilliseconds else {
        throw BadRequest("\(name) must be a whole number of milliseconds from 0 to \(maxDelayMilliseconds)")
    }
    return value
}

/// Parses a final status code (200–599).
func statusParameter(_ text: String, named name: String) throws(BadRequest) -> HTTPResponseStatus {
    guard let code = Int(text), (200...599).contains(code) else {
        throw BadRequest("\(name) must be a status code from 200 to 599")
    }
    return HTTPResponseStatus(statusCode: code)
}
