import Testing
@testable import Engine

@Suite("CORS preflight and actual-response evaluation")
struct CORSEvaluationTests {
    static let origin = "http://localhost:8000"

    struct PreflightCase: CustomTestStringConvertible, Sendable {
        var name: String
        var status = 204
        var headers: [(String, String)]
        var method = "GET"
        var unsafe: [String] = []
        var credentialed = false
        var chromium = true
        /// A fragment of the failure, or nil when it must pass.
        var failure: String?
        var note = false
        var testDescription: String { name }
    }

    static let preflightCases: [PreflightCase] = [
        .init(name: "allows header", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "x-api-key")], unsafe: ["x-api-key"]),
        .init(name: "header case-insensitive", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "X-API-KEY")], unsafe: ["x-api-key"]),
        .init(name: "lenient list", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", " , x-a ,, x-b ")], unsafe: ["x-a", "x-b"]),
        .init(name: "two ACAH lines", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "x-a"), ("Access-Control-Allow-Headers", "x-b")], unsafe: ["x-a", "x-b"]),
        .init(name: "no ACAH", headers: [("Access-Control-Allow-Origin", "*")], unsafe: ["x-api-key"], failure: "without Access-Control-Allow-Headers: x-api-key"),
        .init(name: "ACAH misses one", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "x-a")], unsafe: ["x-a", "x-b"], failure: "does not allow x-b"),
        .init(name: "ACAH star", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "*")], unsafe: ["x-a", "content-type"]),
        .init(name: "ACAH star credentialed", headers: [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "true"), ("Access-Control-Allow-Headers", "*")], unsafe: ["x-a"], credentialed: true, failure: "does not allow x-a"),
        .init(name: "star and authorization, chromium", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "*")], unsafe: ["authorization"], note: true),
        .init(name: "star and authorization, standard", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "*")], unsafe: ["authorization"], chromium: false, failure: "does not cover authorization"),
        .init(name: "authorization listed", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "Authorization")], unsafe: ["authorization"]),
        .init(name: "status 200", status: 200, headers: [("Access-Control-Allow-Origin", "*")], method: "PUT", failure: "without Access-Control-Allow-Methods"),
        .init(name: "status 404", status: 404, headers: [("Access-Control-Allow-Origin", "*")], unsafe: ["x"], failure: "answered 404"),
        .init(name: "status 500", status: 500, headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "*")], unsafe: ["x"], failure: "not 2xx"),
        .init(name: "status 301", status: 301, headers: [("Access-Control-Allow-Origin", "*")], unsafe: ["x"], failure: "answered 301"),
        .init(name: "no ACAO", headers: [("Access-Control-Allow-Headers", "x")], unsafe: ["x"], failure: "no Access-Control-Allow-Origin"),
        .init(name: "ACAO mismatch", headers: [("Access-Control-Allow-Origin", "http://example.com"), ("Access-Control-Allow-Headers", "x")], unsafe: ["x"], failure: "does not match"),
        .init(name: "ACAO trailing slash", headers: [("Access-Control-Allow-Origin", origin + "/"), ("Access-Control-Allow-Headers", "x")], unsafe: ["x"], failure: "does not match"),
        .init(name: "ACAO twice", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "x")], unsafe: ["x"], failure: "2 values"),
        .init(name: "ACAO exact", headers: [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Headers", "x")], unsafe: ["x"]),
        .init(name: "credentialed star", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Credentials", "true")], method: "PUT", credentialed: true, failure: "cannot use"),
        .init(name: "credentialed no ACAC", headers: [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Methods", "PUT")], method: "PUT", credentialed: true, failure: "Access-Control-Allow-Credentials is absent"),
        .init(name: "credentialed ACAC TRUE", headers: [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "TRUE"), ("Access-Control-Allow-Methods", "PUT")], method: "PUT", credentialed: true, failure: "needs 'true'"),
        .init(name: "credentialed ok", headers: [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "true"), ("Access-Control-Allow-Methods", "PUT")], method: "PUT", credentialed: true),
        .init(name: "PUT not in GET, POST", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "GET, POST")], method: "PUT", failure: "does not allow PUT"),
        .init(name: "DELETE with star", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "*")], method: "DELETE"),
        .init(name: "DELETE star credentialed", headers: [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "true"), ("Access-Control-Allow-Methods", "*")], method: "DELETE", credentialed: true, failure: "'*' does not cover DELETE"),
        .init(name: "patch vs PATCH", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "PATCH")], method: "patch", failure: "case-sensitively"),
        .init(name: "PATCH vs PATCH", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "PATCH")], method: "PATCH"),
        .init(name: "PATCH vs patch", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "patch")], method: "PATCH", failure: "case-sensitively"),
        .init(name: "simple method needs no ACAM", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Headers", "x")], method: "POST", unsafe: ["x"]),
        .init(name: "ACAM lenient", headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", " ,PUT ,")], method: "PUT"),
        .init(name: "null origin allowed by null", headers: [("Access-Control-Allow-Origin", "null"), ("Access-Control-Allow-Headers", "x")], unsafe: ["x"], failure: "does not match"),
    ]

    @Test(arguments: preflightCases)
    func preflight(_ c: PreflightCase) {
        var profile = Profile.browserMain
        profile.wildcardCoversAuthorization = c.chromium
        let verdict = CORSCheck.evaluatePreflight(status: c.status, headers: c.headers.map { HeaderField($0.0, $0.1) }, method: c.method,
                                                  unsafeHeaderNames: c.unsafe, origin: Self.origin, credentialed: c.credentialed, profile: profile)
        if let failure = c.failure {
            #expect(verdict.failure?.contains(failure) == true, "\(verdict.failure ?? "passed")")
        } else {
            #expect(verdict.failure == nil, "\(verdict.failure ?? "")")
        }
        #expect(verdict.notes.contains { $0.code == "cors-authorization-wildcard" } == c.note)
    }

    static let actualCases: [([(String, String)], String, Bool, String?)] = [
        ([("Access-Control-Allow-Origin", "*")], origin, false, nil),
        ([("Access-Control-Allow-Origin", origin)], origin, false, nil),
        ([], origin, false, "no Access-Control-Allow-Origin"),
        ([("Access-Control-Allow-Origin", origin + "/")], origin, false, "does not match"),
        ([("Access-Control-Allow-Origin", "*, *")], origin, false, "does not match"),
        ([("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Origin", "*")], origin, false, "2 values"),
        ([("Access-Control-Allow-Origin", "HTTP://LOCALHOST:8000")], origin, false, "does not match"),
        ([("Access-Control-Allow-Origin", "http://localhost")], origin, false, "does not match"),
        ([("Access-Control-Allow-Origin", "*")], origin, true, "cannot use"),
        ([("Access-Control-Allow-Origin", origin)], origin, true, "Access-Control-Allow-Credentials is absent"),
        ([("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "true")], origin, true, nil),
        ([("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "true"), ("Access-Control-Allow-Credentials", "true")], origin, true, "needs 'true'"),
        ([("Access-Control-Allow-Origin", "null")], "null", false, nil),
        ([("Access-Control-Allow-Origin", "*")], "null", false, nil),
        ([("Access-Control-Allow-Origin", origin)], "null", false, "does not match"),
        ([("access-control-allow-origin", "*")], origin, false, nil),
    ]

    @Test(arguments: actualCases)
    func actualResponse(_ headers: [(String, String)], _ requestOrigin: String, _ credentialed: Bool, _ failure: String?) {
        let result = CORSCheck.originCheckFailure(headers: headers.map { HeaderField($0.0, $0.1) }, origin: requestOrigin, credentialed: credentialed)
        if let failure { #expect(result?.contains(failure) == true, "\(result ?? "passed")") } else { #expect(result == nil) }
    }

    @Test(arguments: [("", nil as Double?, 5.0), ("600", nil, 600), ("99999", nil, 7200), ("0", nil, 0), ("-3", nil, 5), ("abc", nil, 5), (" 60 ", nil, 60)])
    func maxAge(_ value: String, _ unused: Double?, _ expected: Double) {
        let headers = value.isEmpty ? [] : [HeaderField("Access-Control-Max-Age", value)]
        #expect(CORSCheck.maxAge(headers, profile: .browserMain) == expected)
    }

    @Test func exposedNames() {
        let listed = CORSCheck.exposedNames([HeaderField("Access-Control-Expose-Headers", "X-Total-Count, x-b")], credentialed: false)
        #expect(listed.names.contains("x-total-count") && listed.names.contains("content-type") && !listed.all)
        #expect(CORSCheck.exposedNames([HeaderField("Access-Control-Expose-Headers", "*")], credentialed: false).all)
        let credentialedStar = CORSCheck.exposedNames([HeaderField("Access-Control-Expose-Headers", "*")], credentialed: true)
        #expect(!credentialedStar.all && !credentialedStar.names.contains("x-total-count"))
    }
}
