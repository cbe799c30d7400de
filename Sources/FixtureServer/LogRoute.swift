/// `/__log`: GET returns the request log, DELETE clears it. Requests to it are not logged.
enum LogRoute {
    static let path = "/__log"

    static func respond(_ request: FixtureRequest, log: RequestLog) -> FixtureResponse {
        switch request.head.method {
        case .GET, .HEAD:
            return .json(.object([("requests", .array(log.snapshot().map(json)))]))
        case .DELETE:
            log.clear()
            return .empty(.noContent)
        default:
            var response = FixtureResponse.error(.methodNotAllowed, "use GET or DELETE")
            response.headers.add(name: "Allow", value: "GET, HEAD, DELETE")
            return response
        }
    }

    static func json(_ entry: LoggedRequest) -> JSON {
        .object([
            ("port", .int(entry.port)),
            ("method", .string(entry.method)),
            ("path", .string(entry.path)),
            ("query", .string(entry.query)),
            ("headers", .array(entry.headers.map { .object([("name", .string($0.name)), ("value", .string($0.value))]) })),
            ("bodySize", .int(entry.bodySize)),
        ])
    }
}
