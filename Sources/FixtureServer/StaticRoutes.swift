import NIOCore
import NIOHTTP1

/// Routes whose answer does not depend on the request body: `/status`, `/bytes`, `/json`,
/// `/html`, `/xml`, `/text`, `/base64` and the index page.
enum StaticRoutes {
    static func status(_ argument: String) throws(BadRequest) -> FixtureResponse {
        let status = try statusParameter(argument, named: "/status/{code}")
        return .text("\(status.code) \(status.reasonPhrase)\n", status: status)
    }

    /// `n` deterministic bytes (byte i = i % 251), streamed; `?chunked=1` for chunked encoding.
    static func bytes(_ argument: String, chunked: String?) throws(BadRequest) -> FixtureResponse {
        guard let count = Int(argument), count >= 0 else {
            throw BadRequest("/bytes/{n} needs a non-negative whole number")
        }
        let isChunked = chunked.map { $0 == "1" || $0 == "true" } ?? false
        return FixtureResponse(
            status: .ok,
            headers: ["Content-Type": "application/octet-stream"],
            body: .pattern(count: count, chunked: isChunked)
        )
    }

    static func json() -> FixtureResponse {
        FixtureResponse(status: .ok, headers: ["Content-Type": "application/json"], body: .buffer(jsonDocument))
    }

    static func html() -> FixtureResponse {
        .text(
            "<!DOCTYPE html>\n<html><head><title>Workbench fixture</title></head>"
                + "<body><h1>Workbench fixture</h1><p>Hello from the fixture server.</p></body></html>\n",
            contentType: "text/html; charset=utf-8"
        )
    }

    static func xml() -> FixtureResponse {
        .text(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<slideshow title=\"Sample Slide Show\" author=\"Yours Truly\">"
                + "<slide type=\"all\"><title>Wake up</title></slide></slideshow>\n",
            contentType: "application/xml"
        )
    }

    static func text() -> FixtureResponse {
        .text("Hello from the Workbench fixture server.\n")
    }

    static func base64(_ argument: String) throws(BadRequest) -> FixtureResponse {
        guard let bytes = Base64.decode(QueryString.decode(Substring(argument))) else {
            throw BadRequest("/base64/{value} needs base64url text")
        }
        let isText = String(validating: bytes, as: UTF8.self) != nil
        return .bytes(bytes, contentType: isText ? "text/plain; charset=utf-8" : "application/octet-stream")
    }

    static func index() -> FixtureResponse {
        .text(
            """
            Workbench fixture server
            /echo /anything[/...] /get /headers /status/{code} /delay/{ms} /bytes/{n}[?chunked=1]
            /redirect/{n}[?status=] /redirect-to?url=&status= /cookies /cookies/set?n=v /cookies/delete?n
            /json /gzip /html /xml /text /base64/{value} /__log (GET, DELETE)
            /fault/{name}: reset-before-status reset-mid-body truncated-chunked short-body stalled-body[?hold=s]
              slow-drip[?bytes=&interval=ms] garbage-status huge-headers many-headers endless-body
              gzip-bomb[?size=bytes] redirect-loop redirect-file redirect-ftp
            Every route: ?delay=ms acao= acac= aceh= vary= header=Name:Value
            Preflights: pf_status= pf_acao= pf_acam= pf_acah= pf_acac= pf_max_age= pf_header= pf_delay=

            """
        )
    }

    private static let jsonDocument = ByteBuffer(
        string: """
            {"slideshow": {"author": "Yours Truly", "title": "Sample Slide Show", "slides": [{"title": "Wake up", "type": "all"}, \
            {"title": "Overview", "type": "all", "items": ["Why", "Who"]}]}, "items": [{"id": 1, "price": 10, "tags": ["a"]}, \
            {"id": 2, "price": 12.5, "tags": []}, {"id": 3, "price": null, "tags": ["a", "b"]}], "count": 3, "ok": true}

            """
    )
}
