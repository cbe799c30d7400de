import Engine

/// `workbench import http FILE`: JetBrains HTTP Client and VS Code REST Client files (`.http`, `.rest`).
///
/// Requests are separated by lines starting with `###` (the rest of the line may name the request);
/// `@name = value` lines define variables; `# @name login` names a request, and `{{login.response.body.$.x}}`
/// becomes a capture on `login`; `< ./file` sends a file; response handlers and scripts are reported.
enum HTTPFileImporter {
    static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT"]

    static func importFile(_ path: String, options: ImportOptions) throws(ImportError) -> ImportResult {
        try importText(try ImportSource.text(path), file: path, options: options)
    }

    static func importText(_ text: String, file: String, options: ImportOptions) throws(ImportError) -> ImportResult {
        var state = HTTPFileState(builder: CollectionBuilder(name: options.name ?? ImportSource.baseName(file)), file: file)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        var block: [(number: Int, text: String)] = []
        var separatorName: String?
        for (offset, line) in lines.enumerated() {
            if line.hasPrefix("###") {
                state.addBlock(block, separatorName: separatorName)
                block = []
                let rest = line.dropFirst(3).trimmingCharacters(in: " \t#")
                separatorName = rest.isEmpty ? nil : rest
                continue
            }
            block.append((offset + 1, line))
        }
        state.addBlock(block, separatorName: separatorName)
        guard !state.items.isEmpty else {
            throw ImportError("no request in \(file): a request starts with a line like 'GET https://example.com/'")
        }
        state.defineMissingVariables()
        return state.builder.result(items: state.items)
    }
}

/// What the `.http` importer has read so far.
struct HTTPFileState {
    var builder: CollectionBuilder
    let file: String
    var items: [ImportedItem] = []
    var names = NameRegistry()
    /// `.http` names (`# @name login`) → index in `items`.
    var namedRequests: [String: Int] = [:]
    var captureNames: Set<String> = []
    var used: [(name: String, location: SourceLocation)] = []

    init(builder: CollectionBuilder, file: String) {
        self.builder = builder
        self.file = file
    }

    func location(_ line: Int, _ column: Int = 1) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

    mutating func addBlock(_ lines: [(number: Int, text: String)], separatorName: String?) {
        var i = 0
        var name = separatorName
        var followRedirects: Bool?
        // Preamble: comments, variables, blank lines, directives.
        while i < lines.count {
            let (number, raw) = lines[i]
            let line = raw.trimmingCharacters(in: " \t")
            if line.isEmpty { i += 1; continue }
            if line.hasPrefix("#") || line.hasPrefix("//") {
                let comment = (line.hasPrefix("#") ? line.dropFirst() : line.dropFirst(2)).trimmingCharacters(in: " \t")
                if comment.hasPrefix("@") {
                    directive(String(comment.dropFirst()), line: number, name: &name, followRedirects: &followRedirects)
                }
                i += 1
                continue
            }
            if line.hasPrefix("@") {
                variable(String(line.dropFirst()), line: number)
                i += 1
                continue
            }
            break
        }
        guard i < lines.count else { return }
        let (requestLineNumber, requestLine) = lines[i]
        i += 1
        let words = requestLine.trimmingCharacters(in: " \t").split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var method = "GET"
        var rawURL: String
        if let first = words.first, HTTPFileImporter.methods.contains(first.uppercased()), words.count >= 2 {
            method = first
            rawURL = words[1]
            if words.count > 2, !words[2].hasPrefix("HTTP/") {
                builder.note("unexpected text after the URL ('\(words[2...].joined(separator: " "))'); ignored", at: location(requestLineNumber))
            }
        } else if let first = words.first, words.count <= 2 {
            rawURL = first
        } else {
            builder.note("line is not a request line ('METHOD URL [HTTP/1.1]'); the block is not imported", at: location(requestLineNumber))
            return
        }
        // Query continuation lines (REST Client): `?a=1` / `&b=2`.
        while i < lines.count {
            let continuation = lines[i].text.trimmingCharacters(in: " \t")
            guard continuation.hasPrefix("?") || continuation.hasPrefix("&") else { break }
            rawURL += continuation
            i += 1
        }
        let requestLocation = location(requestLineNumber)
        var request = ImportedRequest(name: "", url: translate(rawURL, at: requestLocation), location: requestLocation)
        request.method = method
        // Headers until a blank line.
        while i < lines.count {
            let (number, raw) = lines[i]
            let line = raw.trimmingCharacters(in: " \t")
            if line.isEmpty { i += 1; break }
            i += 1
            if line.hasPrefix("#") || line.hasPrefix("//") { continue }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                builder.note("'\(line)' is not a 'Name: value' header; ignored", at: location(number))
                continue
            }
            let headerName = String(line[..<colon]).trimmingCharacters(in: " \t")
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: " \t")
            let translated = translate(value, at: location(number))
            request.headers.append((headerName, builder.secretHeaderValue(headerName, translated)))
        }
        body(Array(lines[i...]), request: &request)
        if let followRedirects { request.options["followRedirects"] = .bool(followRedirects) }
        let wanted = name ?? RequestNamer.name(method: method, url: rawURL)
        let claimed = names.claim(wanted)
        if let changed = claimed.changed { builder.note(changed, at: requestLocation) }
        request.name = claimed.name
        if let name { namedRequests[name] = items.count }
        items.append(.request(request))
    }

    private mutating func directive(_ text: String, line: Int, name: inout String?, followRedirects: inout Bool?) {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        let key = parts.first ?? ""
        let value = parts.count > 1 ? parts[1].trimmingCharacters(in: " \t=") : ""
        switch key {
        case "name": if !value.isEmpty { name = value }
        case "no-redirect": followRedirects = false
        case "no-cookie-jar", "no-log", "note": break
        case "prompt":
            let variable = VariableNames.sanitize(value.split(separator: " ").first.map(String.init) ?? value)
            builder.define(variable, .string(""))
            builder.note("@prompt \(value): Workbench does not prompt; set it with --var \(variable)=…", at: location(line))
        default:
            builder.note("directive @\(key) is not supported; ignored", at: location(line))
        }
    }

    private mutating func variable(_ text: String, line: Int) {
        guard let eq = text.firstIndex(of: "=") else {
            builder.note("'@\(text)' is not a variable definition (@name = value); ignored", at: location(line))
            return
        }
        let rawName = String(text[..<eq]).trimmingCharacters(in: " \t")
        let value = String(text[text.index(after: eq)...]).trimmingCharacters(in: " \t")
        let name = VariableNames.sanitize(rawName)
        if name != rawName { builder.note("variable '\(rawName)' renamed to '\(name)'", at: location(line)) }
        if builder.hasVariable(name) {
            builder.note("variable '\(name)' is defined again; Workbench variables have one value per collection, the first is kept", at: location(line))
        }
        builder.define(name, .string(translate(value, at: location(line))))
    }

    private mutating func body(_ lines: [(number: Int, text: String)], request: inout ImportedRequest) {
        var bodyLines: [(number: Int, text: String)] = []
        var inScript = false
        for (number, text) in lines {
            let trimmed = text.trimmingCharacters(in: " \t")
            if inScript {
                if trimmed.hasSuffix("%}") { inScript = false }
                continue
            }
            if trimmed.hasPrefix("> {%") || trimmed.hasPrefix(">{%") {
                builder.note("response handler script is not supported; add assertions to the request instead", at: location(number))
                inScript = !trimmed.hasSuffix("%}")
                continue
            }
            if trimmed.hasPrefix("< {%") {
                builder.note("pre-request script is not supported; ignored", at: location(number))
                inScript = !trimmed.hasSuffix("%}")
                continue
            }
            if trimmed.hasPrefix(">>") {
                builder.note("response redirection '\(trimmed)' is not supported; runs store every response", at: location(number))
                continue
            }
            if trimmed.hasPrefix("> ") {
                builder.note("response handler file '\(trimmed.dropFirst(2))' is not supported; ignored", at: location(number))
                continue
            }
            bodyLines.append((number, text))
        }
        while let last = bodyLines.last, last.text.trimmingCharacters(in: " \t").isEmpty { bodyLines.removeLast() }
        while let first = bodyLines.first, first.text.trimmingCharacters(in: " \t").isEmpty { bodyLines.removeFirst() }
        guard let first = bodyLines.first else { return }
        let firstText = first.text.trimmingCharacters(in: " \t")
        if bodyLines.count == 1, firstText.hasPrefix("<"), !firstText.hasPrefix("<?"), !firstText.hasPrefix("<!"),
           firstText.dropFirst().first == " " || firstText.hasPrefix("<@") {
            var path = String(firstText.dropFirst()).trimmingCharacters(in: " \t")
            if path.hasPrefix("@") {
                path = String(path.dropFirst()).trimmingCharacters(in: " \t")
                builder.note("'<@ \(path)' substitutes variables inside the file; Workbench sends the file as it is", at: location(first.number))
            }
            if path.hasPrefix("./") { path = String(path.dropFirst(2)) }
            request.body = .object(JSONObject([("file", .string(translate(path, at: location(first.number))))]))
            return
        }
        if bodyLines.contains(where: { $0.text.trimmingCharacters(in: " \t").hasPrefix("< ") }) {
            builder.note("file inclusion inside a multipart body is not supported; the '< file' lines are sent as text", at: location(first.number))
        }
        let contentType = request.header("Content-Type") ?? ""
        let separator = contentType.lowercased().hasPrefix("multipart/") ? "\r\n" : "\n"
        let text = bodyLines.map(\.text).joined(separator: separator) + (separator == "\r\n" ? "\r\n" : "")
        let translated = translate(text, at: location(first.number))
        var o = JSONObject([("text", .string(translated))])
        if contentType.isEmpty { o["contentType"] = .string("text/plain; charset=utf-8") }
        request.body = .object(o)
    }

    mutating func translate(_ text: String, at location: SourceLocation) -> String {
        var namesUsed: [String] = []
        let snapshotItems = items
        let snapshotNamed = namedRequests
        var pendingCaptures: [(index: Int, name: String, capture: JSONValue)] = []
        let translator = TemplateTranslator(dialect: .restClient) { reference, _ in
            guard let index = snapshotNamed[reference.request], index < snapshotItems.count else { return nil }
            let selector = reference.selector
            let base = VariableNames.sanitize(reference.request + "_" + (reference.part == "body" ? "body" : selector))
            let capture: JSONValue
            if reference.part == "headers" {
                capture = .object(JSONObject([("header", .string(selector))]))
            } else if selector == "*" || selector.isEmpty {
                capture = .object(JSONObject([("regex", .string("(?s)^(.*)$")), ("group", .number(1))]))
            } else if selector.hasPrefix("$") {
                capture = .object(JSONObject([("jsonpath", .string(selector))]))
            } else {
                return nil
            }
            let name = selector.hasPrefix("$") ? VariableNames.sanitize(reference.request + "_" + selector.dropFirst().split(separator: ".").joined(separator: "_")) : base
            pendingCaptures.append((index, name, capture))
            return name
        }
        let out = translator.translate(text, at: location, into: &builder, usedVariables: &namesUsed)
        for pending in pendingCaptures {
            if case .request(var target) = items[pending.index] {
                if target.captures[pending.name] == nil { target.captures[pending.name] = pending.capture }
                items[pending.index] = .request(target)
            }
            captureNames.insert(pending.name)
        }
        used += namesUsed.map { ($0, location) }
        return out
    }

    mutating func defineMissingVariables() {
        for (name, location) in used where !builder.hasVariable(name) && !captureNames.contains(name) {
            builder.define(name, .string(""))
            builder.note("variable '\(name)' is used but not defined in the file; defined empty (set it with --var \(name)=… or an environment)", at: location)
        }
    }
}
