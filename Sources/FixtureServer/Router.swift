import NIOCore
import NIOHTTP1

/// Maps a complete request to its response: preflight handling, the route table, the
/// CORS/extra headers and the `?delay=` wait that apply to every route.
struct Router {
    let log: RequestLog

    func response(for request: FixtureRequest) -> FixtureResponse {
        do throws(BadRequest) {
            if request.isPreflight {
                return try CORSControls.preflightResponse(request.query)
            }
            var response = try route(request)
            try CORSControls.applyActual(request.query, to: &response.headers)
            response.delayMilliseconds += try delayParameter(request.query.first("delay"), named: "delay")
            return response
        } catch {
            return .error(.badRequest, error.message)
        }
    }

    private func route(_ request: FixtureRequest) throws(BadRequest) -> FixtureResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard let first = segments.first else { return .error(.badRequest, "the path must start with /") }
        let rest = Array(segments.dropFirst())
        let argument = rest.count == 1 ? String(rest[0]) : nil

        switch first {
        case "echo" where rest.isEmpty, "get" where rest.isEmpty, "anything":
            return try EchoRoutes.echo(request)
        case "delay":
            guard let argument else { return notFound(request) }
            var response = try EchoRoutes.echo(request)
            response.delayMilliseconds = try delayParameter(argument, named: "/delay/{ms}")
            return response
        case "headers" where rest.isEmpty:
            return EchoRoutes.headers(request)
        case "status":
            guard let argument else { return notFound(request) }
            return try StaticRoutes.status(argument)
        case "bytes":
            guard let argument else { return notFound(request) }
            return try StaticRoutes.bytes(argument, chunked: request.query.first("chunked"))
        case "redirect":
            guard let argument else { return notFound(request) }
            return try RedirectRoutes.redirect(argument, request: request)
        case "redirect-to" where rest.isEmpty:
            return try RedirectRoutes.redirectTo(request.query)
        case "fault":
            guard let argument else { return notFound(request) }
            return try FaultRoutes.respond(argument, request: request)
        case "cookies":
            switch argument {
            case nil where rest.isEmpty: return CookieRoutes.read(request)
            case "set": return try CookieRoutes.set(request)
            case "delete": return try CookieRoutes.delete(request)
            default: return notFound(request)
            }
        case "json" where rest.isEmpty:
            return StaticRoutes.json()
        case "gzip" where rest.isEmpty:
            return EchoRoutes.gzip(request)
        case "html" where rest.isEmpty:
            return StaticRoutes.html()
        case "xml" where rest.isEmpty:
            return StaticRoutes.xml()
        case "text" where rest.isEmpty:
            return StaticRoutes.text()
        case "base64":
            guard let argument else { return notFound(request) }
            return try StaticRoutes.base64(argument)
        case "__log" where rest.isEmpty:
            return LogRoute.respond(request, log: log)
        case "__conformance":
            guard let argument else { return notFound(request) }
            return try ConformancePages.respond(argument, request: request)
        case "worker.js" where rest.isEmpty && ConformancePages.isEnabled:
            return try ConformancePages.respond("worker.js", request: request)
        case "" where rest.isEmpty:
            return StaticRoutes.index()
        default:
            return notFound(request)
        }
    }

    private func notFound(_ request: FixtureRequest) -> FixtureResponse {
        .error(.notFound, "no route for \(request.path)")
    }
}
