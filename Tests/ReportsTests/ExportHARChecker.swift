import Foundation

/// A JSON value decoded by Foundation's `JSONDecoder` (independent of Workbench's own JSON code), keeping
/// booleans and numbers apart.
indirect enum JSONAny: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONAny]), object([String: JSONAny])

    init(from decoder: Decoder) throws {
        if var items = try? decoder.unkeyedContainer() {
            var out: [JSONAny] = []
            while !items.isAtEnd { out.append(try items.decode(JSONAny.self)) }
            self = .array(out)
            return
        }
        if let members = try? decoder.container(keyedBy: AnyKey.self) {
            var out: [String: JSONAny] = [:]
            for key in members.allKeys { out[key.stringValue] = try members.decode(JSONAny.self, forKey: key) }
            self = .object(out)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let b = try? single.decode(Bool.self) { self = .bool(b) }
        else if let n = try? single.decode(Double.self) { self = .number(n) }
        else { self = .string(try single.decode(String.self)) }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }

    static func parse(_ text: String) throws -> JSONAny { try JSONDecoder().decode(JSONAny.self, from: Data(text.utf8)) }

    subscript(key: String) -> JSONAny? {
        get { if case .object(let o) = self { return o[key] } else { return nil } }
        set { if case .object(var o) = self { o[key] = newValue; self = .object(o) } }
    }
    subscript(index: Int) -> JSONAny? {
        get { if case .array(let a) = self, a.indices.contains(index) { return a[index] } else { return nil } }
        set { if case .array(var a) = self, a.indices.contains(index), let newValue { a[index] = newValue; self = .array(a) } }
    }
    var number: Double? { if case .number(let n) = self { return n } else { return nil } }
    var string: String? { if case .string(let s) = self { return s } else { return nil } }
    var items: [JSONAny]? { if case .array(let a) = self { return a } else { return nil } }
}

/// HAR 1.2 checks written from the specification (http://www.softwareishard.com/blog/har-12-spec/):
/// required fields and their types at every level, custom fields only with a leading `_`, ISO 8601 dates,
/// timings (`send`, `wait`, `receive` ≥ 0; `blocked`, `dns`, `connect`, `ssl` ≥ 0 or -1) and `time` equal to
/// the sum of the non-negative timings (`ssl` excluded: the spec counts it inside `connect`).
struct HARChecker {
    private(set) var problems: [String] = []

    static func check(_ text: String) -> [String] {
        var checker = HARChecker()
        do {
            checker.root(try JSONAny.parse(text))
        } catch {
            checker.problems.append("not JSON: \(error)")
        }
        return checker.problems
    }

    private enum Kind { case string, number, integer, bool, object, array, iso }
    private typealias Field = (name: String, kind: Kind, required: Bool)

    private mutating func fields(_ value: JSONAny?, _ path: String, _ spec: [Field]) {
        guard case .object(let o)? = value else { problems.append("\(path): expected an object"); return }
        let known = Set(spec.map(\.name))
        for key in o.keys where !known.contains(key) && !key.hasPrefix("_") {
            problems.append("\(path).\(key): unknown field (custom fields must start with _)")
        }
        for field in spec {
            guard let v = o[field.name] else {
                if field.required { problems.append("\(path).\(field.name): missing") }
                continue
            }
            let ok: Bool
            switch (field.kind, v) {
            case (.string, .string), (.bool, .bool), (.object, .object), (.array, .array), (.number, .number): ok = true
            case (.integer, .number(let n)): ok = n == n.rounded()
            case (.iso, .string(let s)): ok = HARChecker.isISO8601(s)
            default: ok = false
            }
            if !ok { problems.append("\(path).\(field.name): expected \(field.kind)") }
        }
    }

    static func isISO8601(_ s: String) -> Bool {
        s.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) != nil
    }

    private mutating func root(_ value: JSONAny) {
        fields(value, "$", [("log", .object, true)])
        guard let log = value["log"] else { return }
        fields(log, "log", [("version", .string, true), ("creator", .object, true), ("browser", .object, false),
                            ("pages", .array, false), ("entries", .array, true), ("comment", .string, false)])
        if let version = log["version"]?.string, version != "1.2" { problems.append("log.version: expected 1.2, got \(version)") }
        let creatorSpec: [Field] = [("name", .string, true), ("version", .string, true), ("comment", .string, false)]
        fields(log["creator"], "log.creator", creatorSpec)
        if let browser = log["browser"] { fields(browser, "log.browser", creatorSpec) }
        var pageIDs = Set<String>()
        for (i, page) in (log["pages"]?.items ?? []).enumerated() {
            fields(page, "log.pages[\(i)]", [("startedDateTime", .iso, true), ("id", .string, true), ("title", .string, true),
                                             ("pageTimings", .object, true), ("comment", .string, false)])
            fields(page["pageTimings"], "log.pages[\(i)].pageTimings", [("onContentLoad", .number, false), ("onLoad", .number, false), ("comment", .string, false)])
            if let id = page["id"]?.string { pageIDs.insert(id) }
        }
        for (i, entry) in (log["entries"]?.items ?? []).enumerated() { self.entry(entry, "log.entries[\(i)]", pageIDs: pageIDs) }
    }

    private mutating func entry(_ e: JSONAny, _ path: String, pageIDs: Set<String>) {
        fields(e, path, [("pageref", .string, false), ("startedDateTime", .iso, true), ("time", .number, true),
                         ("request", .object, true), ("response", .object, true), ("cache", .object, true),
                         ("timings", .object, true), ("serverIPAddress", .string, false), ("connection", .string, false),
                         ("comment", .string, false)])
        if let ref = e["pageref"]?.string, !pageIDs.contains(ref) { problems.append("\(path).pageref: no page \(ref)") }
        if let request = e["request"] { self.request(request, "\(path).request") }
        if let response = e["response"] { self.response(response, "\(path).response") }
        if let cache = e["cache"] {
            fields(cache, "\(path).cache", [("beforeRequest", .object, false), ("afterRequest", .object, false), ("comment", .string, false)])
            for key in ["beforeRequest", "afterRequest"] {
                if let c = cache[key] {
                    fields(c, "\(path).cache.\(key)", [("expires", .iso, false), ("lastAccess", .iso, true), ("eTag", .string, true),
                                                       ("hitCount", .integer, true), ("comment", .string, false)])
                }
            }
        }
        guard let timings = e["timings"] else { return }
        fields(timings, "\(path).timings", [("blocked", .number, false), ("dns", .number, false), ("connect", .number, false),
                                            ("send", .number, true), ("wait", .number, true), ("receive", .number, true),
                                            ("ssl", .number, false), ("comment", .string, false)])
        for key in ["send", "wait", "receive"] {
            if let n = timings[key]?.number, n < 0 { problems.append("\(path).timings.\(key): must be ≥ 0, got \(n)") }
        }
        for key in ["blocked", "dns", "connect", "ssl"] {
            if let n = timings[key]?.number, n < 0, n != -1 { problems.append("\(path).timings.\(key): must be ≥ 0 or -1, got \(n)") }
        }
        if let time = e["time"]?.number {
            if time < 0 { problems.append("\(path).time: must be ≥ 0") }
            let sum = ["blocked", "dns", "connect", "send", "wait", "receive"].compactMap { timings[$0]?.number }.filter { $0 >= 0 }.reduce(0, +)
            if abs(sum - time) > 0.01 { problems.append("\(path).time: \(time) is not the sum of the timings (\(sum))") }
        }
        if let ssl = timings["ssl"]?.number, ssl > 0, let connect = timings["connect"]?.number, connect < ssl {
            problems.append("\(path).timings: connect (\(connect)) must include ssl (\(ssl))")
        }
    }

    private mutating func nameValues(_ list: JSONAny?, _ path: String) {
        for (i, item) in (list?.items ?? []).enumerated() {
            fields(item, "\(path)[\(i)]", [("name", .string, true), ("value", .string, true), ("comment", .string, false)])
        }
    }

    private mutating func cookies(_ list: JSONAny?, _ path: String) {
        for (i, item) in (list?.items ?? []).enumerated() {
            fields(item, "\(path)[\(i)]", [("name", .string, true), ("value", .string, true), ("path", .string, false),
                                           ("domain", .string, false), ("expires", .iso, false), ("httpOnly", .bool, false),
                                           ("secure", .bool, false), ("comment", .string, false)])
        }
    }

    private mutating func request(_ r: JSONAny, _ path: String) {
        fields(r, path, [("method", .string, true), ("url", .string, true), ("httpVersion", .string, true), ("cookies", .array, true),
                         ("headers", .array, true), ("queryString", .array, true), ("postData", .object, false),
                         ("headersSize", .integer, true), ("bodySize", .integer, true), ("comment", .string, false)])
        if let url = r["url"]?.string, URL(string: url)?.scheme == nil { problems.append("\(path).url: not an absolute URL: \(url)") }
        cookies(r["cookies"], "\(path).cookies")
        nameValues(r["headers"], "\(path).headers")
        nameValues(r["queryString"], "\(path).queryString")
        if let post = r["postData"] {
            fields(post, "\(path).postData", [("mimeType", .string, true), ("params", .array, false), ("text", .string, false), ("comment", .string, false)])
            if post["params"] != nil && post["text"] != nil { problems.append("\(path).postData: text and params are mutually exclusive") }
            if post["params"] == nil && post["text"] == nil { problems.append("\(path).postData: needs text or params") }
            for (i, p) in (post["params"]?.items ?? []).enumerated() {
                fields(p, "\(path).postData.params[\(i)]", [("name", .string, true), ("value", .string, false), ("fileName", .string, false),
                                                            ("contentType", .string, false), ("comment", .string, false)])
            }
        }
        sizes(r, path)
    }

    private mutating func response(_ r: JSONAny, _ path: String) {
        fields(r, path, [("status", .integer, true), ("statusText", .string, true), ("httpVersion", .string, true),
                         ("cookies", .array, true), ("headers", .array, true), ("content", .object, true),
                         ("redirectURL", .string, true), ("headersSize", .integer, true), ("bodySize", .integer, true),
                         ("comment", .string, false)])
        cookies(r["cookies"], "\(path).cookies")
        nameValues(r["headers"], "\(path).headers")
        if let content = r["content"] {
            fields(content, "\(path).content", [("size", .integer, true), ("compression", .integer, false), ("mimeType", .string, true),
                                                ("text", .string, false), ("encoding", .string, false), ("comment", .string, false)])
            if let encoding = content["encoding"]?.string, encoding == "base64", let text = content["text"]?.string,
               Data(base64Encoded: text) == nil {
                problems.append("\(path).content.text: not valid base64")
            }
        }
        sizes(r, path)
    }

    private mutating func sizes(_ r: JSONAny, _ path: String) {
        for key in ["headersSize", "bodySize"] {
            if let n = r[key]?.number, n < -1 { problems.append("\(path).\(key): must be ≥ -1") }
        }
    }
}
