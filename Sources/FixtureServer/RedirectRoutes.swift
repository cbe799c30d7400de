import NIOHTTP1

/// `/redirect/{n}` and `/redirect-to?url=U&status=S`.
enum RedirectRoutes {
    private static let redirectCodes: Set<Int> = [301, 302, 303, 307, 308]

    /// `n` hops: `/redirect/n` → `/redirect/n-1` → … → `/get`, keeping the query on each hop;
    /// `/redirect/0` answers like `/get`.
    ///
    /// `?status=` picks the redirect code; it is dropped from the final hop to `/get`, which
    /// would otherwise answer with that status too (`status=` overrides `/get`'s status).
    static func redirect(_ argument: String, request: FixtureRequest) throws(BadRequest) -> FixtureResponse {
        guard let hops = Int(argument), hops >= 0 else {
            throw BadRequest("/redirect/{n} needs a non-negative whole number")
        }
        let status = try redirectStatus(request.query.first("status"))
        if hops == 0 {
            return .json(EchoRoutes.describe(request))
        }
        let target =
            hops == 1
            ? "/get" + keptQuery(request.rawQuery, dropping: "status")
            : "/redirect/\(hops - 1)" + keptQuery(request.rawQuery)
        var response = FixtureResponse.text("Redirecting to \(target)\n", status: status)
        response.headers.add(name: "Location", value: target)
        return response
    }

    /// A redirect (default 302) to `url` exactly as given; without `url`, the status alone.
    static func redirectTo(_ query: QueryString) throws(BadRequest) -> FixtureResponse {
        let status = try redirectStatus(query.first("status"), allowAny: true)
        guard let url = query.first("url") else {
            return .text("\(status.code) \(status.reasonPhrase)\n", status: status)
        }
        try HeaderSafety.checkValue(url, for: "url")
        var response = FixtureResponse.text("Redirecting to \(url)\n", status: status)
        response.headers.add(name: "Location", value: url)
        return response
    }

    private static func redirectStatus(_ text: String?, allowAny: Bool = false) throws(BadRequest) -> HTTPResponseStatus {
        guard let text else { return .found }
        let status = try statusParameter(text, named: "status")
        guard allowAny || redirectCodes.contains(Int(status.code)) else {
            throw BadRequest("status must be one of 301, 302, 303, 307, 308")
        }
        return status
    }

    /// The raw query (`?…`, or empty), without the pieces whose name is `dropping`.
    private static func keptQuery(_ raw: String, dropping: String? = nil) -> String {
        var pieces = raw.split(separator: "&", omittingEmptySubsequences: true)
        if let dropping {
            pieces.removeAll { piece in
                let name = piece.firstIndex(of: "=").map { piece[..<$0] } ?? piece
                return QueryString.decode(name) == dropping
            }
        }
        return pieces.isEmpty ? "" : "?" + pieces.joined(separator: "&")
    }
}
