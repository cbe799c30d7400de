/// `/cookies`, `/cookies/set?name=value&…` and `/cookies/delete?name&…`.
///
/// Query parameters that control the server (`acao`, `header`, `delay`, `pf_*`, …) are never
/// treated as cookie names.
enum CookieRoutes {
    private static let controlParameters: Set<String> = ["acao", "acac", "aceh", "vary", "header", "status", "delay"]

    static func read(_ request: FixtureRequest) -> FixtureResponse {
        .json(document(request.cookies))
    }

    /// One `Set-Cookie: name=value; Path=/` per pair; the body shows the cookies as they will be.
    static func set(_ request: FixtureRequest) throws(BadRequest) -> FixtureResponse {
        let pairs = cookiePairs(request.query)
        var cookies = request.cookies
        var headers: [(String, String)] = []
        for (name, value) in pairs {
            try checkCookie(name: name, value: value)
            headers.append(("Set-Cookie", "\(name)=\(value); Path=/"))
            cookies.removeAll { $0.name == name }
            cookies.append((name, value))
        }
        var response = FixtureResponse.json(document(cookies))
        response.headers.add(contentsOf: headers)
        return response
    }

    /// An expiring `Set-Cookie` for each named cookie.
    static func delete(_ request: FixtureRequest) throws(BadRequest) -> FixtureResponse {
        let names = cookiePairs(request.query).map(\.name)
        var cookies = request.cookies
        var headers: [(String, String)] = []
        for name in names {
            try checkCookie(name: name, value: "")
            headers.append(("Set-Cookie", "\(name)=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/"))
            cookies.removeAll { $0.name == name }
        }
        var response = FixtureResponse.json(document(cookies))
        response.headers.add(contentsOf: headers)
        return response
    }

    private static func cookiePairs(_ query: QueryString) -> [(name: String, value: String)] {
        query.pairs.filter { !controlParameters.contains($0.name) && !$0.name.hasPrefix("pf_") }
    }

    private static func checkCookie(name: String, value: String) throws(BadRequest) {
        guard HeaderSafety.isValidName(name) else { throw BadRequest("invalid cookie name \(name)") }
        guard HeaderSafety.isValidValue(value), !value.contains(";") else {
            throw BadRequest("cookie values must not contain ';', CR, LF or NUL")
        }
    }

    private static func document(_ cookies: [(name: String, value: String)]) -> JSON {
        var seen: Set<String> = []
        var members: [(String, JSON)] = []
        for (name, value) in cookies where seen.insert(name).inserted {
            members.append((name, .string(value)))
        }
        return .object([("cookies", .object(members))])
    }
}
