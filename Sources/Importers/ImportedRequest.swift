import Engine

/// One request on its way into a collection: every string is already a Workbench template.
struct ImportedRequest {
    var name: String
    var method: String = "GET"
    var url: String
    var headers: [(name: String, value: String)] = []
    var body: JSONValue?
    var options = JSONObject()
    var assertions: [JSONValue] = []
    var captures = JSONObject()
    var description: String?
    /// Where the request is in the source.
    var location: SourceLocation?

    init(name: String, url: String, location: SourceLocation?) {
        self.name = name
        self.url = url
        self.location = location
    }

    mutating func setHeader(_ name: String, _ value: String) {
        let lower = name.lowercased()
        if let index = headers.firstIndex(where: { $0.name.lowercased() == lower }) {
            headers[index].value = value
        } else {
            headers.append((name, value))
        }
    }

    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    mutating func setTimeout(_ phase: String, _ seconds: Double) {
        var timeout = options["timeout"]?.objectValue ?? JSONObject()
        timeout[phase] = .number(seconds)
        options["timeout"] = .object(timeout)
    }

    var json: JSONValue {
        var o = JSONObject()
        o["name"] = .string(name)
        if let description { o["description"] = .string(description) }
        o["method"] = .string(method)
        o["url"] = .string(url)
        if !headers.isEmpty {
            o["headers"] = .object(JSONObject(headers.map { ($0.name, JSONValue.string($0.value)) }))
        }
        if let body { o["body"] = body }
        if !options.isEmpty { o["options"] = .object(options) }
        if !assertions.isEmpty { o["assert"] = .array(assertions) }
        if !captures.isEmpty { o["capture"] = .object(captures) }
        return .object(o)
    }
}

/// A request or a group of items, in document order.
indirect enum ImportedItem {
    case request(ImportedRequest)
    case group(name: String, description: String?, items: [ImportedItem])

    var json: JSONValue {
        switch self {
        case .request(let request): return request.json
        case .group(let name, let description, let items):
            var o = JSONObject()
            o["group"] = .string(name)
            if let description { o["description"] = .string(description) }
            o["requests"] = .array(items.map(\.json))
            return .object(o)
        }
    }

    var requestCount: Int {
        switch self {
        case .request: return 1
        case .group(_, _, let items): return items.reduce(0) { $0 + $1.requestCount }
        }
    }
}
