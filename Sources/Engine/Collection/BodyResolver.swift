/// Resolving a body definition into bytes, a file or multipart parts, with the `Content-Type` it implies.
extension ResolveContext {
    func body(_ definition: BodyDefinition, headers: inout [HeaderField]) throws(InputError) -> RequestBody {
        func setContentType(_ value: String?) {
            guard let value, !headers.contains(where: { $0.name.lowercased() == "content-type" }) else { return }
            headers.append(HeaderField("Content-Type", value))
        }
        switch definition {
        case .json(let value):
            let resolved = try TemplateResolver.resolveJSON(value, scope: scope, environment: environment)
            setContentType("application/json")
            return .bytes(Array(resolved.serialized().utf8))
        case .text(let template, let contentType):
            let body = try text(template)
            setContentType(try contentType.map { (t: Template) throws(InputError) -> String in try text(t) } ?? "text/plain; charset=utf-8")
            return .bytes(Array(body.utf8))
        case .form(let fields):
            var pairs: [(name: String, value: String)] = []
            for field in fields { pairs.append((field.name, try text(field.value))) }
            setContentType("application/x-www-form-urlencoded")
            return .bytes(Array(URLEncoding.formEncode(pairs).utf8))
        case .multipart(let parts):
            var resolved: [ResolvedPart] = []
            for part in parts {
                var out = ResolvedPart(name: part.name)
                if let value = part.value { out.value = Array(try text(value).utf8) }
                if let file = part.file {
                    let path = try resolvedPath(file, what: "multipart file", confined: true).path
                    out.filePath = path
                    out.filename = String(path.split(separator: "/").last ?? "")
                }
                if let filename = part.filename { out.filename = try text(filename) }
                if let contentType = part.contentType { out.contentType = try text(contentType) }
                resolved.append(out)
            }
            return .multipart(resolved)
        case .file(let path, let contentType):
            let file = try resolvedPath(path, what: "body file", confined: true)
            if let contentType { setContentType(try text(contentType)) }
            return .file(path: file.path, size: file.size)
        case .base64(let encoded, let contentType):
            guard let bytes = CollectionDecoder.decodeBase64(encoded) else {
                throw InputError("body.base64 is not valid base64", at: location)
            }
            if let contentType { setContentType(try text(contentType)) }
            return .bytes(bytes)
        }
    }
}
