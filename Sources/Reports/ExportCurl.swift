import Engine

/// `export --format curl`: a shell script with one runnable curl command per request, as it was sent (the
/// first hop's method, URL and headers from the store; the body from the collection, see
/// `RequestExportContext`). A secret is a reference, `${TOKEN}`, listed at the top to be exported first;
/// `--reveal` writes the values instead.
enum CurlExport {
    static func render(_ record: RunRecord, context: RequestExportContext = .empty) -> String {
        var out = "#!/bin/sh\n"
        out += "# Workbench run \(record.id) of \"\(ExportReferences.oneLine(record.info.collectionName))\" under profile \(record.info.profile), as curl commands.\n"
        out += "# Each command repeats the request as it was sent (the first hop; -L where the run followed redirects).\n"
        let references = referencedNames(record, context: context)
        let unresolved = references.filter { context.revealed[$0] == nil && !$0.hasPrefix("$") }
        if !unresolved.isEmpty {
            out += "# Secrets are references: set them before running this script.\n"
            for name in unresolved { out += "#   export \(shellName(name))='…'   # {{\(name)}}\n" }
        }
        if references.contains(where: { $0.hasPrefix("$") }) {
            out += "# {{$…}} values were generated at run time and are not stored; the commands send the expression as text.\n"
        }
        if !context.revealed.isEmpty {
            out += "# WARNING: written with --reveal: this file holds secret values.\n"
        }
        for result in record.results {
            out += "\n" + command(result, context: context)
        }
        return out
    }

    /// Every `{{name}}` the export refers to (URLs, headers, bodies), in order.
    static func referencedNames(_ record: RunRecord, context: RequestExportContext) -> [String] {
        var texts: [String] = []
        for result in record.results {
            guard let exchange = ExportReferences.sent(result) else { continue }
            texts.append(exchange.request.url)
            texts += exchange.request.headers.map(ExportReferences.headerValue)
            switch context.bodies[result.requestID] {
            case .text(let text)?: texts.append(text)
            case .multipart(let parts)?: texts += parts.compactMap(\.value)
            default: break
            }
        }
        return ExportReferences.names(in: texts)
    }

    private static func command(_ result: RequestResult, context: RequestExportContext) -> String {
        let status = result.observed.map { " → \($0.status)" } ?? result.pythonError.map { " → \($0.type)" } ?? ""
        var out = "# \(ExportReferences.oneLine(result.requestID)): \(result.method)\(status) (\(result.outcome.rawValue))\n"
        guard let exchange = ExportReferences.sent(result) else {
            out += "# not sent in this run\(result.pythonError.map { ": \(ExportReferences.oneLine($0.type)): \(ExportReferences.oneLine($0.message))" } ?? "")\n"
            return out
        }
        if result.exchanges.first?.kind == .preflight {
            out += "# (the browser sent a CORS preflight first; curl does not)\n"
        }
        let request = exchange.request
        var args: [String] = []
        let body = context.bodies[result.requestID]
        let method = request.method
        if method.uppercased() == "HEAD" {
            args.append("--head")
        } else if !(method == "GET" && body == nil) && !(method == "POST" && body != nil) {
            args.append("-X " + quote(method, context))
        }
        args.append(quote(request.url, context))
        var compressed = false
        for field in request.headers {
            let lower = field.name.lowercased()
            if ExportReferences.computedHeaders.contains(lower) { continue }
            if lower == "accept-encoding" { compressed = true; continue }
            if lower == "content-type", case .multipart? = body { continue }
            args.append("-H " + quote("\(field.name): \(ExportReferences.headerValue(field))", context))
        }
        if compressed { args.append("--compressed") }
        if result.exchanges.contains(where: { $0.kind == .redirect }) { args.append("-L") }
        var prefix = ""
        switch body {
        case .text(let text)?: args.append("--data-raw " + quote(text, context))
        case .file(let path)?: args.append("--data-binary " + quote("@" + path, context))
        case .binary(let base64)?:
            prefix = "printf %s \(quote(base64, context)) | base64 -d | "
            args.append("--data-binary @-")
        case .multipart(let parts)?:
            for part in parts {
                if let file = part.file {
                    var spec = "\(part.name)=@\(file)"
                    if let type = part.contentType { spec += ";type=\(type)" }
                    if let name = part.filename { spec += ";filename=\(name)" }
                    args.append("-F " + quote(spec, context))
                } else {
                    args.append("--form-string " + quote("\(part.name)=\(part.value ?? "")", context))
                }
            }
        case nil:
            if request.bodySize > 0 {
                out += "# the body (\(request.bodySize) bytes) is not stored in the run; export with the collection at hand to include it\n"
            }
        }
        out += prefix + "curl " + args.joined(separator: " \\\n  ") + "\n"
        return out
    }

    /// Shell quoting: literal text in single quotes, references as `"${NAME}"` (or the revealed value).
    static func quote(_ text: String, _ context: RequestExportContext) -> String {
        var out = ""
        var literal = ""
        func flush() {
            guard !literal.isEmpty else { return }
            out += "'" + literal.replacing("'", with: "'\\''") + "'"
            literal = ""
        }
        for piece in ExportReferences.split(text) {
            guard let name = piece.reference else { literal += piece.literal; continue }
            if let value = context.revealed[name] {
                literal += value
            } else if name.hasPrefix("$") {
                literal += "{{\(name)}}"
            } else {
                flush()
                out += "\"${\(shellName(name))}\""
            }
        }
        flush()
        if out.isEmpty { return "''" }
        // Words that need no quoting are written bare (`POST`, `-L`-like values, simple URLs).
        let bare = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_./:=@%+,-".contains($0)) }
        return bare && !text.contains("{{") ? text : out
    }

    /// A shell variable name for a Workbench variable: upper case, other characters as `_`.
    static func shellName(_ name: String) -> String {
        var out = String(name.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        if let first = out.first, first.isNumber { out = "_" + out }
        return out
    }
}
