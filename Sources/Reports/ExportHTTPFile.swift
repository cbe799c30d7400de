import Engine

/// `export --format http`: the run's requests as a `.http` file (JetBrains HTTP Client, VS Code REST Client),
/// one `###` block per request as it was sent. Secrets stay `{{name}}` references, declared at the top as
/// comments to fill in (`--reveal` declares them with their values); `workbench import http` reads it back.
enum HTTPFileExport {
    static func render(_ record: RunRecord, context: RequestExportContext = .empty) -> String {
        var out = "# Workbench run \(record.id) of \"\(ExportReferences.oneLine(record.info.collectionName))\" under profile \(record.info.profile).\n"
        out += "# Each request as it was sent (the first hop).\n"
        let references = CurlExport.referencedNames(record, context: context).filter { !$0.hasPrefix("$") }
        let hidden = references.filter { context.revealed[$0] == nil }
        if !hidden.isEmpty {
            out += "# Secrets are references: define them in your environment file, or here:\n"
            for name in hidden { out += "#   \(name) = …   (as @\(name) = value, or in the environment file)\n" }
        }
        if !context.revealed.isEmpty {
            out += "# WARNING: written with --reveal: this file holds secret values.\n"
            for name in references where context.revealed[name] != nil {
                out += "@\(name) = \(ExportReferences.oneLine(context.revealed[name] ?? ""))\n"
            }
        }
        for result in record.results {
            out += "\n" + block(result, context: context)
        }
        return out
    }

    private static func block(_ result: RequestResult, context: RequestExportContext) -> String {
        var out = "### \(ExportReferences.oneLine(result.requestID))\n"
        let status = result.observed.map { "\($0.status)" } ?? result.pythonError.map(\.type) ?? "no response"
        out += "# \(result.outcome.rawValue): \(ExportReferences.oneLine(status))\n"
        guard let exchange = ExportReferences.sent(result) else {
            out += "# not sent in this run\n# \(result.method) \(escape(result.url))\n"
            return out
        }
        if result.exchanges.contains(where: { $0.kind == .redirect }) {
            out += "# the run followed redirects from here\n"
        }
        let request = exchange.request
        let version = exchange.response.map { $0.httpVersion == "2" ? " HTTP/2" : " HTTP/\($0.httpVersion)" } ?? ""
        out += "\(request.method) \(escape(request.url))\(version)\n"
        let body = context.bodies[result.requestID]
        let boundary = "WorkbenchBoundary"
        for field in request.headers {
            let lower = field.name.lowercased()
            if ExportReferences.computedHeaders.contains(lower) { continue }
            if lower == "content-type", case .multipart? = body {
                out += "Content-Type: multipart/form-data; boundary=\(boundary)\n"
                continue
            }
            out += "\(field.name): \(escape(ExportReferences.headerValue(field)))\n"
        }
        if case .multipart? = body, !request.headers.contains(name: "Content-Type") {
            out += "Content-Type: multipart/form-data; boundary=\(boundary)\n"
        }
        switch body {
        case .text(let text)?:
            out += "\n" + escape(text) + "\n"
        case .file(let path)?:
            out += "\n< \(path)\n"
        case .binary(let base64)?:
            out += "\n# binary body (base64; .http files cannot hold bytes): \(base64)\n"
        case .multipart(let parts)?:
            out += "\n"
            for part in parts {
                out += "--\(boundary)\n"
                if let file = part.file {
                    let filename = part.filename ?? (file.split(separator: "/").last.map(String.init) ?? file)
                    out += "Content-Disposition: form-data; name=\"\(part.name)\"; filename=\"\(filename)\"\n"
                    if let type = part.contentType { out += "Content-Type: \(type)\n" }
                    out += "\n< \(file)\n"
                } else {
                    out += "Content-Disposition: form-data; name=\"\(part.name)\"\n\n\(escape(part.value ?? ""))\n"
                }
            }
            out += "--\(boundary)--\n"
        case nil:
            if request.bodySize > 0 {
                out += "\n# the body (\(request.bodySize) bytes) is not stored in the run; export with the collection at hand to include it\n"
            }
        }
        return out
    }

    /// Revealed values are written by the `@name = value` lines, so references stay as they are; a line that
    /// would start a new block (`###`) is indented.
    private static func escape(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("###") ? " " + line : line
        }.joined(separator: "\n")
    }
}
