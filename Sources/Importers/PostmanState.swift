import Engine

/// The Postman import in progress: the builder, names used per group, and variables referenced.
struct PostmanState {
    var builder: CollectionBuilder
    var used: [(name: String, location: SourceLocation)] = []
    private var environmentNames: Set<String> = []
    private let translator = TemplateTranslator(dialect: .postman)

    init(builder: CollectionBuilder) {
        self.builder = builder
    }

    mutating func translate(_ text: String, at location: SourceLocation) -> String {
        var names: [String] = []
        let out = translator.translate(text, at: location, into: &builder, usedVariables: &names)
        used += names.map { ($0, location) }
        return out
    }

    mutating func variable(_ json: LocatedJSON, environment: String?) {
        guard let key = PostmanJSON.string(json, "key") else { return }
        let name = VariableNames.sanitize(key)
        if name != key { builder.note("variable '\(key)' renamed to '\(name)'", at: json.location) }
        let secret = PostmanJSON.string(json, "type") == "secret"
        let value = PostmanJSON.text(PostmanJSON.member(json, "value")).map { translate($0, at: json.location) } ?? ""
        if environment == nil {
            if PostmanJSON.bool(json, "disabled") == true { return }
            builder.define(name, .string(value), secret: secret)
        }
    }

    mutating func environment(_ root: LocatedJSON, file: String) throws(ImportError) {
        guard case .array(let values, _)? = PostmanJSON.member(root, "values") else {
            throw ImportError("not a Postman environment: expected {\"name\": …, \"values\": [...]}", at: root.location)
        }
        let rawName = PostmanJSON.string(root, "name") ?? ImportSource.baseName(file)
        var variables: [(name: String, value: JSONValue, secret: Bool)] = []
        for item in values {
            guard let key = PostmanJSON.string(item, "key"), PostmanJSON.bool(item, "enabled") != false else { continue }
            let name = VariableNames.sanitize(key)
            if name != key { builder.note("environment variable '\(key)' renamed to '\(name)'", at: item.location) }
            let value = PostmanJSON.text(PostmanJSON.member(item, "value")).map { translate($0, at: item.location) } ?? ""
            let secret = PostmanJSON.string(item, "type") == "secret" || Redactor.isSecretName(name)
            if !variables.contains(where: { $0.name == name }) { variables.append((name, .string(value), secret)) }
            environmentNames.insert(name)
        }
        builder.addEnvironment(rawName, variables)
    }

    mutating func scripts(of json: LocatedJSON, what: String) {
        for event in PostmanJSON.array(json, "event") {
            let listen = PostmanJSON.string(event, "listen") ?? "script"
            guard let script = PostmanJSON.member(event, "script") else { continue }
            let lines: [String]
            if case .array(let exec, _)? = PostmanJSON.member(script, "exec") {
                lines = exec.compactMap(\.value.stringValue)
            } else {
                lines = PostmanJSON.string(script, "exec").map { [$0] } ?? []
            }
            guard lines.contains(where: { !$0.trimmingCharacters(in: " \t").isEmpty }) else { continue }
            let kind = listen == "prerequest" ? "pre-request script" : listen == "test" ? "test script" : "\(listen) script"
            let hint = listen == "test" ? " (write its checks as assertions)" : ""
            builder.note("\(kind) of \(what) is not run by Workbench (\(lines.count) line\(lines.count == 1 ? "" : "s"))\(hint)", at: event.location)
        }
    }

    mutating func behavior(_ json: LocatedJSON, followRedirects: inout Bool) {
        if let follow = PostmanJSON.bool(json, "followRedirects") { followRedirects = follow }
        if PostmanJSON.bool(json, "strictSSL") == false { builder.defaultOptions["insecure"] = .bool(true) }
        if let max = PostmanJSON.member(json, "maxRedirects")?.value.numberValue { builder.defaultOptions["maxRedirects"] = .number(max) }
    }

    /// Folders and requests, `auth` inherited from `parentAuth` unless an item sets its own.
    mutating func items(_ list: [LocatedJSON], auth parentAuth: LocatedJSON?, path: [String]) -> [ImportedItem] {
        var names = NameRegistry()
        var out: [ImportedItem] = []
        for item in list {
            let rawName = PostmanJSON.string(item, "name") ?? ""
            let claimed = names.claim(rawName)
            if let changed = claimed.changed { builder.note(changed, at: item.location) }
            // Folders carry `auth` on the item, requests inside their `request` object.
            let ownAuth = PostmanJSON.member(item, "request").flatMap { PostmanJSON.member($0, "auth") } ?? PostmanJSON.member(item, "auth")
            let auth = ownAuth.flatMap { PostmanJSON.string($0, "type") == "inherit" ? nil : $0 } ?? parentAuth
            let where_ = (path + [claimed.name]).joined(separator: "/")
            if case .array(let children, _)? = PostmanJSON.member(item, "item") {
                scripts(of: item, what: "folder '\(where_)'")
                let nested = items(children, auth: auth, path: path + [claimed.name])
                if nested.isEmpty { builder.note("folder '\(where_)' is empty", at: item.location) }
                out.append(.group(name: claimed.name, description: PostmanJSON.description(item), items: nested))
                continue
            }
            guard let requestJSON = PostmanJSON.member(item, "request") else {
                builder.note("item '\(where_)' is neither a request nor a folder; cannot be imported", at: item.location)
                continue
            }
            scripts(of: item, what: "request '\(where_)'")
            var request = PostmanRequestBuilder.request(requestJSON, name: claimed.name, state: &self)
            if request.description == nil { request.description = PostmanJSON.description(item) }
            if let profileBehavior = PostmanJSON.member(item, "protocolProfileBehavior") {
                if let follow = PostmanJSON.bool(profileBehavior, "followRedirects") { request.options["followRedirects"] = .bool(follow) }
                if PostmanJSON.bool(profileBehavior, "strictSSL") == false { request.options["insecure"] = .bool(true) }
            }
            PostmanAuth.apply(auth, to: &request, where: where_, state: &self)
            out.append(.request(request))
        }
        return out
    }

    mutating func defineMissingVariables() {
        for (name, location) in used where !builder.hasVariable(name) && !environmentNames.contains(name) {
            builder.define(name, .string(""))
            builder.note("variable '\(name)' is not defined in the collection (a Postman global or environment?); defined empty: set it with --var \(name)=… or --environment", at: location)
        }
    }
}
