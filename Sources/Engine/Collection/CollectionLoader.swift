import FoundationEssentials

/// Loads a collection file (format v1, see `docs/collection-format.md`) into a `Collection`.
///
/// Every error found is reported, each with `file:line:column` and what to do; nothing is sent when
/// loading fails.
public enum CollectionLoader {
    /// Reads and parses the collection at `path`.
    public static func load(path: String) throws(InputErrors) -> Collection {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory ? "it is a directory" : "permission denied"
            throw InputErrors([InputError("cannot read collection '\(path)': \(reason); check the path")])
        }
        return try parse(bytes: [UInt8](data), path: path)
    }

    /// Parses collection bytes; `path` names the file in errors and becomes `sourcePath`.
    public static func parse(bytes: [UInt8], path: String) throws(InputErrors) -> Collection {
        let root: LocatedJSON
        do {
            root = try JSONParser.parseLocated(bytes, file: path)
        } catch {
            throw InputErrors([error])
        }
        var decoder = CollectionDecoder(file: path)
        let collection = decoder.decodeCollection(root, sourceHash: sha256Hex(bytes))
        let errors = decoder.context.errors
        guard errors.isEmpty else { throw InputErrors(sortedByLocation(errors)) }
        return collection
    }

    /// Lowercase hex SHA-256 of `bytes`.
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256Hasher.hex(of: bytes)
    }

    /// Errors in file order (stable for errors at the same place); errors without a location last.
    static func sortedByLocation(_ errors: [InputError]) -> [InputError] {
        errors.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?):
                if l.file != r.file { return l.file < r.file }
                if l.line != r.line { return l.line < r.line }
                if l.column != r.column { return l.column < r.column }
                return a.offset < b.offset
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return a.offset < b.offset
            }
        }.map(\.element)
    }
}

extension Collection {
    /// The folder holding the collection file: body, multipart and certificate paths are relative to it.
    public var directory: String {
        guard let slash = sourcePath.lastIndex(of: "/") else { return "." }
        let folder = String(sourcePath[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}

/// Walks a parsed collection document and builds the model, collecting errors in `context`.
struct CollectionDecoder {
    let file: String
    var context = DecodeContext()

    static let collectionKeys = ["$schema", "name", "description", "server", "origin", "variables", "secrets",
                                 "environments", "defaults", "diff", "profiles", "requests"]

    init(file: String) { self.file = file }

    mutating func decodeCollection(_ root: LocatedJSON, sourceHash: String) -> Collection {
        var collection = Collection(name: "", sourcePath: file, sourceHash: sourceHash)
        guard let object = context.object(root, "the collection") else { return collection }
        context.checkKeys(object, allowed: Self.collectionKeys, required: ["name", "requests"], in: "the collection")

        if let node = object["$schema"] { _ = context.string(node, "`$schema`") }
        if let node = object["description"] { _ = context.string(node, "`description`") }
        if let node = object["name"], let name = context.string(node, "`name`") {
            if name.trimmingWhitespace().isEmpty { context.fail("`name` must not be empty", at: node.location) }
            collection.name = name
        }
        if let node = object["server"], let server = context.string(node, "`server`") {
            if server == "builtin" {
                collection.usesBuiltinServer = true
            } else {
                context.fail("`server` must be \"builtin\" (start the fixture server and bind {{base}} and {{page}}), or be left out; found \"\(server)\"", at: node.location)
            }
        }
        if let node = object["origin"], let origin = context.string(node, "`origin`") {
            if isOrigin(origin) {
                collection.origin = origin
            } else {
                context.fail("`origin` must be an origin like \"http://localhost:8000\" (scheme, host, optional port; no path), found \"\(origin)\"", at: node.location)
            }
        }
        var secretNames = Set<String>()
        if let node = object["variables"] {
            collection.variables = decodeVariables(node, what: "`variables`")
        }
        if let node = object["secrets"], let items = context.array(node, "`secrets`") {
            for item in items {
                guard let name = context.string(item, "each entry of `secrets`") else { continue }
                if TemplateParser.isValidVariableName(name) {
                    secretNames.insert(name)
                } else {
                    context.fail("`secrets` entry '\(name)' is not a variable name", at: item.location)
                }
            }
        }
        if let node = object["environments"], let environments = context.object(node, "`environments`") {
            for member in environments.members {
                if member.key.trimmingWhitespace().isEmpty {
                    context.fail("environment names must not be empty", at: member.keyLocation)
                }
                let variables = decodeVariables(member.value, what: "environment '\(member.key)'")
                collection.environments.append(Environment(name: member.key, variables: variables))
            }
            checkDuplicateKeys(environments, in: "`environments`")
        }
        if let node = object["defaults"] {
            collection.defaults = decodeDefaults(node, what: "`defaults`")
        }
        if let node = object["diff"] {
            collection.diffIgnore = decodeDiff(node)
        }
        if let node = object["profiles"], let profiles = context.object(node, "`profiles`") {
            for member in profiles.members {
                if case .object = member.value {
                    collection.profileDefinitions[member.key] = member.value.value
                } else {
                    context.fail("profile '\(member.key)' must be an object, found \(member.value.typeName)", at: member.value.location)
                }
            }
            checkDuplicateKeys(profiles, in: "`profiles`")
        }
        if let node = object["requests"], let items = context.array(node, "`requests`") {
            var requests: [RequestDefinition] = []
            decodeItems(items, groupPath: [], inherited: collection.defaults, into: &requests)
            checkDuplicateIdentities(requests)
            collection.requests = requests
        }

        for variable in collection.variables where variable.secret { secretNames.insert(variable.name) }
        for environment in collection.environments {
            for variable in environment.variables where variable.secret { secretNames.insert(variable.name) }
        }
        for request in collection.requests {
            for capture in request.captures where capture.secret { secretNames.insert(capture.name) }
        }
        collection.secretNames = secretNames
        return collection
    }

    /// Duplicate keys in a map-like object (names of environments, profiles, …).
    mutating func checkDuplicateKeys(_ object: ObjectNode, in what: String) {
        var seen: [String: SourceLocation] = [:]
        for member in object.members {
            if let first = seen[member.key] {
                context.fail("duplicate key '\(member.key)' in \(what) (first at line \(first.line)); remove one of them", at: member.keyLocation)
            } else {
                seen[member.key] = member.keyLocation
            }
        }
    }

    private func isOrigin(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard let rest = lower.hasPrefix("http://") ? lower.dropFirst(7) : lower.hasPrefix("https://") ? lower.dropFirst(8) : nil else {
            return false
        }
        return !rest.isEmpty && !rest.contains("/") && !rest.contains("?") && !rest.contains("#") && !rest.contains(" ")
    }

    private mutating func decodeDiff(_ node: LocatedJSON) -> DiffIgnore {
        var result = DiffIgnore()
        guard let object = context.object(node, "`diff`") else { return result }
        context.checkKeys(object, allowed: ["ignoreHeaders", "ignorePaths"], in: "`diff`")
        if let node = object["ignoreHeaders"], let items = context.array(node, "`diff.ignoreHeaders`") {
            result.headers = items.compactMap { context.string($0, "each entry of `diff.ignoreHeaders`") }
        }
        if let node = object["ignorePaths"], let items = context.array(node, "`diff.ignorePaths`") {
            for item in items {
                guard let path = context.string(item, "each entry of `diff.ignorePaths`") else { continue }
                if let error = PatternCheck.jsonPathError(path, what: "`diff.ignorePaths`", at: item.location) {
                    context.record(error)
                }
                result.paths.append(path)
            }
        }
        return result
    }

    private mutating func checkDuplicateIdentities(_ requests: [RequestDefinition]) {
        var seen: [String: SourceLocation] = [:]
        for request in requests {
            if let first = seen[request.id] {
                context.fail(
                    "duplicate request '\(request.id)' (first at \(first)); a request's group path plus name identifies it across runs, so rename one",
                    at: request.location)
            } else {
                seen[request.id] = request.location
            }
        }
    }
}
