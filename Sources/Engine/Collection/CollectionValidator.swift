/// Static checks that need more than one request at a time: every `{{var}}` must be defined before it is used.
public enum CollectionValidator {
    /// Every `{{var}}` in request *i* must be defined by the collection's variables, the chosen environment
    /// (when `environment` is nil, defined in at least one environment is enough), `overrides` (`--var`),
    /// `builtinNames` (`base`, `page` are added when the collection uses the built-in server), or a capture
    /// of an earlier request. Variables whose values hold templates are checked through, cycles included.
    /// An `environment` the collection does not define is an error listing the ones it has.
    public static func check(_ collection: Collection, environment: String?, overrides: Set<String>,
                             builtinNames: Set<String>) -> [InputError] {
        var errors: [InputError] = []
        var environments = collection.environments
        if let environment {
            if let chosen = collection.environments.first(where: { $0.name == environment }) {
                environments = [chosen]
            } else {
                errors.append(unknownEnvironmentError(environment, in: collection))
            }
        }
        var definitions: [String: [JSONValue]] = [:]
        for variable in collection.variables { definitions[variable.name, default: []].append(variable.value) }
        for environment in environments {
            for variable in environment.variables { definitions[variable.name, default: []].append(variable.value) }
        }
        var literal = overrides.union(builtinNames)
        if collection.usesBuiltinServer { literal.formUnion(["base", "page"]) }

        var checker = Checker(definitions: definitions, literal: literal, captured: [])
        for request in collection.requests {
            for template in templates(of: request) {
                for name in template.variableNames {
                    checker.check(name, at: template.location ?? request.location, stack: [])
                }
            }
            let ownCaptures = Set(request.captures.map(\.name))
            // Captures are taken before assertions are checked, so assertions may use this response's captures.
            var assertionChecker = checker
            assertionChecker.captured.formUnion(ownCaptures)
            for assertion in request.assertions {
                for template in operandTemplates(of: assertion, fallback: request.location) {
                    for name in template.variableNames {
                        assertionChecker.check(name, at: template.location ?? request.location, stack: [])
                    }
                }
            }
            checker.errors = assertionChecker.errors
            checker.captured.formUnion(ownCaptures)
        }
        var seen = Set<InputError>()
        for error in checker.errors where seen.insert(error).inserted { errors.append(error) }
        return errors
    }

    /// "unknown environment 'stagin'; did you mean 'staging'? The collection defines: staging, prod".
    static func unknownEnvironmentError(_ name: String, in collection: Collection) -> InputError {
        let names = collection.environments.map(\.name)
        if names.isEmpty {
            return InputError("unknown environment '\(name)': the collection defines no environments; remove --env or add \"environments\" to \(collection.sourcePath)")
        }
        return InputError("unknown environment '\(name)'\(Suggestions.didYouMean(name, among: names)); the collection defines: \(names.joined(separator: ", "))")
    }

    private struct Checker {
        var definitions: [String: [JSONValue]]
        var literal: Set<String>
        var captured: Set<String>
        var errors: [InputError] = []

        mutating func check(_ name: String, at location: SourceLocation, stack: [String]) {
            if captured.contains(name) || literal.contains(name) { return }
            if let start = stack.firstIndex(of: name) {
                let cycle = (stack[start...] + [name]).joined(separator: " → ")
                errors.append(InputError("variable cycle: \(cycle); a variable cannot refer to itself, directly or through others", at: location))
                return
            }
            guard let values = definitions[name] else {
                let known = Set(definitions.keys).union(literal).union(captured)
                let suggestion = Suggestions.closest(to: name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                let path = stack.isEmpty ? "" : " (used by variable \(stack.map { "'\($0)'" }.joined(separator: " → ")))"
                errors.append(InputError("unknown variable '\(name)'\(suggestion)\(path); \(TemplateResolver.variableSources)", at: location))
                return
            }
            for value in values {
                for inner in CollectionValidator.variableNames(in: value) {
                    check(inner, at: location, stack: stack + [name])
                }
            }
        }
    }

    /// Variable names referred to by the string leaves of a JSON value.
    static func variableNames(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): return (try? TemplateParser.parse(text, location: nil))?.variableNames ?? []
        case .array(let items): return items.flatMap(variableNames(in:))
        case .object(let object): return object.members.flatMap { variableNames(in: $0.value) }
        case .null, .bool, .number: return []
        }
    }

    /// Templates in a JSON value's string leaves, located at `location`.
    static func jsonTemplates(_ value: JSONValue, location: SourceLocation) -> [Template] {
        switch value {
        case .string(let text):
            guard var template = try? TemplateParser.parse(text, location: location) else { return [] }
            template.location = location
            return [template]
        case .array(let items): return items.flatMap { jsonTemplates($0, location: location) }
        case .object(let object): return object.members.flatMap { jsonTemplates($0.value, location: location) }
        case .null, .bool, .number: return []
        }
    }

    private static func operandTemplates(of assertion: Assertion, fallback: SourceLocation) -> [Template] {
        var result: [Template] = []
        for check in assertion.predicate.checks where [.equals, .notEquals, .contains, .notContains, .oneOf].contains(check.op) {
            result += jsonTemplates(check.expected, location: assertion.location ?? fallback)
        }
        return result
    }

    /// Every template a request holds (method, url, query, headers, body, options).
    static func templates(of request: RequestDefinition) -> [Template] {
        var result: [Template] = [request.method, request.url]
        result += request.query.map(\.value)
        result += request.headers.map(\.value)
        switch request.body {
        case .json(let value)?: result += jsonTemplates(value, location: request.location)
        case .text(let text, let contentType)?: result += [text] + [contentType].compactMap { $0 }
        case .form(let fields)?: result += fields.map(\.value)
        case .multipart(let parts)?:
            for part in parts { result += [part.value, part.file, part.filename, part.contentType].compactMap { $0 } }
        case .file(let path, let contentType)?: result += [path] + [contentType].compactMap { $0 }
        case .base64(_, let contentType)?: result += [contentType].compactMap { $0 }
        case nil: break
        }
        let options = request.options
        func add<T>(_ value: Templated<T>?) { if case .template(let t)? = value { result.append(t) } }
        if let timeout = options.timeout {
            for value in [timeout.connect, timeout.read, timeout.write, timeout.pool, timeout.total] { add(value) }
        }
        add(options.followRedirects)
        add(options.maxRedirects)
        add(options.insecure)
        add(options.compressed)
        add(options.httpVersion)
        result += [options.proxy, options.caFile, options.clientCert, options.clientKey].compactMap { $0 }
        return result
    }
}
