/// Which earlier requests each request needs: those whose captures it reads.
///
/// Used by parallel runs (a request waits for the requests it depends on) and by shards
/// (a shard also runs what its requests depend on, so captures exist).
public struct DependencyGraph: Sendable {
    /// For each request index, the indices of earlier requests it depends on.
    public let dependencies: [[Int]]

    public init(requests: [RequestDefinition]) {
        var producers: [String: [Int]] = [:]
        var deps: [[Int]] = []
        deps.reserveCapacity(requests.count)
        for (index, request) in requests.enumerated() {
            var mine = Set<Int>()
            for name in DependencyGraph.variableNames(in: request) {
                for producer in producers[name] ?? [] { mine.insert(producer) }
            }
            deps.append(mine.sorted())
            for capture in request.captures { producers[capture.name, default: []].append(index) }
        }
        dependencies = deps
    }

    /// Every variable name a request's templates refer to.
    static func variableNames(in request: RequestDefinition) -> Set<String> {
        var names = Set<String>()
        func add(_ t: Template?) { if let t { names.formUnion(t.variableNames) } }
        func addJSON(_ v: JSONValue) {
            switch v {
            case .string(let s): names.formUnion(TemplateScan.variableNames(in: s))
            case .array(let items): items.forEach(addJSON)
            case .object(let o): o.members.forEach { addJSON($0.value) }
            default: break
            }
        }
        add(request.method)
        add(request.url)
        request.query.forEach { add($0.value) }
        request.headers.forEach { add($0.value) }
        switch request.body {
        case .json(let v): addJSON(v)
        case .text(let t, let ct): add(t); add(ct)
        case .form(let fields): fields.forEach { add($0.value) }
        case .multipart(let parts): parts.forEach { add($0.value); add($0.file); add($0.filename); add($0.contentType) }
        case .file(let path, let ct): add(path); add(ct)
        case .base64(_, let ct): add(ct)
        case nil: break
        }
        let o = request.options
        add(o.proxy); add(o.caFile); add(o.clientCert); add(o.clientKey)
        func addT<T>(_ t: Templated<T>?) { if case .template(let t) = t { add(t) } }
        addT(o.followRedirects); addT(o.maxRedirects); addT(o.insecure); addT(o.httpVersion); addT(o.compressed)
        if let t = o.timeout { addT(t.connect); addT(t.read); addT(t.write); addT(t.pool); addT(t.total) }
        return names
    }

    /// The requests one shard runs: a deterministic 1/N of the requests (round-robin by index)
    /// plus, transitively, every request they depend on.
    public func selection(for shard: Shard, count: Int) -> [Bool] {
        var selected = (0..<count).map { ($0 % shard.total) == (shard.index - 1) }
        for index in stride(from: count - 1, through: 0, by: -1) where selected[index] {
            for dep in dependencies[index] { selected[dep] = true }
        }
        return selected
    }
}

/// Finds `{{name}}` references in raw strings (JSON body leaves are kept raw in the model).
enum TemplateScan {
    static func variableNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            let after = rest[open.upperBound...]
            guard let close = after.firstRange(of: "}}") else { break }
            let inner = after[..<close.lowerBound].trimmingSpaces()
            if !inner.isEmpty, !inner.hasPrefix("$") { names.append(String(inner)) }
            rest = after[close.upperBound...]
        }
        return names
    }
}

extension Substring {
    /// Without leading and trailing spaces.
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
