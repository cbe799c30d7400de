import Foundation
import Testing

@testable import FixtureServer

@Suite struct CORSTests {
    @Test func actualResponseHeadersFromQuery() throws {
        try withServer { server in
            let query =
                "acao=http%3A%2F%2Flocalhost%3A8000&acac=true&aceh=X-Total-Count&vary=Origin"
                + "&header=X-Total-Count:42&header=Set-Cookie:a%3D1&header=X-Spaced:%20v"
            for path in ["/get", "/status/404", "/json", "/bytes/10", "/no/such/route"] {
                let response = try curl(["\(server.baseURL)\(path)?\(query)"])
                #expect(response.header("Access-Control-Allow-Origin") == "http://localhost:8000", "\(path)")
                #expect(response.header("Access-Control-Allow-Credentials") == "true")
                #expect(response.header("Access-Control-Expose-Headers") == "X-Total-Count")
                #expect(response.header("Vary") == "Origin")
                #expect(response.header("X-Total-Count") == "42")
                #expect(response.header("Set-Cookie") == "a=1")
                #expect(response.header("X-Spaced") == "v")
            }
        }
    }

    @Test func repeatedParametersRepeatHeaderLines() throws {
        try withServer { server in
            let response = try curl(["\(server.baseURL)/get?acao=*&acao=*&vary=Origin&vary=Accept"])
            #expect(response.headerValues("Access-Control-Allow-Origin") == ["*", "*"])
            #expect(response.headerValues("Vary") == ["Origin", "Accept"])
            try #expect(curl(["\(server.baseURL)/get"]).header("Access-Control-Allow-Origin") == nil)
        }
    }

    @Test func unsafeHeaderParametersAreRefused() throws {
        try withServer { server in
            try #expect(curl(["\(server.baseURL)/get?acao=a%0D%0AX-Evil:1"]).status == 400)
            try #expect(curl(["\(server.baseURL)/get?header=Bad%20Name:1"]).status == 400)
            try #expect(curl(["\(server.baseURL)/get?header=Content-Length:1"]).status == 400)
            try #expect(curl(["\(server.baseURL)/get?header=NoColon"]).status == 400)
        }
    }

    @Test func preflightUsesPfParameters() throws {
        try withServer { server in
            let query =
                "acao=http%3A%2F%2Flocalhost%3A8000&pf_acam=PUT,%20PATCH&pf_acah=x-api-key&pf_acac=true&pf_max_age=600"
                + "&pf_header=X-Pf:1&aceh=X-Not-On-Preflight"
            let response = try curl([
                "-X", "OPTIONS", "-H", "Origin: http://localhost:8000", "-H", "Access-Control-Request-Method: PUT",
                "-H", "Access-Control-Request-Headers: x-api-key", "\(server.baseURL)/anything/x?\(query)",
            ])
            #expect(response.status == 204)
            #expect(response.body.isEmpty)
            #expect(response.header("Access-Control-Allow-Origin") == "http://localhost:8000")
            #expect(response.header("Access-Control-Allow-Methods") == "PUT, PATCH")
            #expect(response.header("Access-Control-Allow-Headers") == "x-api-key")
            #expect(response.header("Access-Control-Allow-Credentials") == "true")
            #expect(response.header("Access-Control-Max-Age") == "600")
            #expect(response.header("X-Pf") == "1")
            #expect(response.header("Access-Control-Expose-Headers") == nil)
            #expect(response.header("Content-Type") == nil)
        }
    }

    @Test func preflightStatusOriginOverrideAndAbsentHeaders() throws {
        try withServer { server in
            let preflight = ["-X", "OPTIONS", "-H", "Access-Control-Request-Method: DELETE"]
            let overridden = try curl(preflight + ["\(server.baseURL)/get?acao=*&pf_acao=null&pf_acao=null&pf_status=200"])
            #expect(overridden.status == 200)
            #expect(overridden.headerValues("Access-Control-Allow-Origin") == ["null", "null"])
            #expect(overridden.body.isEmpty)

            let bare = try curl(preflight + ["\(server.baseURL)/get"])
            #expect(bare.status == 204)
            #expect(bare.headers.allSatisfy { !$0.name.lowercased().hasPrefix("access-control-") })

            let failing = try curl(preflight + ["\(server.baseURL)/get?pf_status=403&acao=*&acao=*"])
            #expect(failing.status == 403)
            #expect(failing.headerValues("Access-Control-Allow-Origin") == ["*", "*"])
        }
    }

    @Test func plainOptionsGoesToTheRoute() throws {
        try withServer { server in
            let response = try curl(["-X", "OPTIONS", "\(server.baseURL)/echo?acao=*"])
            #expect(response.status == 200)
            try #expect(response.json()["method"] as? String == "OPTIONS")
            #expect(response.header("Access-Control-Allow-Origin") == "*")
        }
    }

    @Test func preflightDelayUsesPfDelayOnly() throws {
        try withServer { server in
            let preflight = ["-X", "OPTIONS", "-H", "Access-Control-Request-Method: PUT"]
            let start = Date()
            try #expect(curl(preflight + ["\(server.baseURL)/get?pf_delay=300"]).status == 204)
            #expect(Date().timeIntervalSince(start) >= 0.3)
            // `delay` is for the actual request; the preflight answers at once.
            let quick = Date()
            try #expect(curl(preflight + ["\(server.baseURL)/get?delay=2000"]).status == 204)
            #expect(Date().timeIntervalSince(quick) < 1.5)
            // The preflight is logged before it is answered.
            let log = server.requestLog()
            #expect(log.count == 2)
            #expect(log.allSatisfy { $0.method == "OPTIONS" && $0.header("access-control-request-method") == "PUT" })
        }
    }
}
