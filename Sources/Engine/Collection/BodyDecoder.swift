import FoundationEssentials

/// Decoding of a request's `body`: exactly one of json, text, form, multipart, file, base64.
extension CollectionDecoder {
    static let bodyKinds = ["json", "text", "form", "multipart", "file", "base64"]

    mutating func decodeBody(_ node: LocatedJSON) -> BodyDefinition? {
        guard let object = context.object(node, "`body`") else { return nil }
        context.checkKeys(object, allowed: Self.bodyKinds + ["contentType"], in: "`body`")
        let kinds = Self.bodyKinds.filter { object.has($0) }
        guard let kind = kinds.first else {
            context.fail("`body` needs one of \(Self.bodyKinds.joined(separator: ", "))", at: object.location)
            return nil
        }
        if kinds.count > 1 {
            context.fail("`body` has both '\(kinds[0])' and '\(kinds[1])'; give exactly one kind of body", at: object.keyLocation(kinds[1]))
            return nil
        }
        var contentType: Template?
        if let node = object["contentType"] {
            if ["text", "file", "base64"].contains(kind) {
                contentType = context.template(node, "`contentType`")
            } else {
                context.fail(
                    "`contentType` applies to text, file and base64 bodies; for a \(kind) body set a Content-Type header instead",
                    at: object.keyLocation("contentType"))
            }
        }
        guard let value = object[kind] else { return nil }
        switch kind {
        case "json":
            context.checkTemplates(in: value)
            return .json(value.value)
        case "text":
            return context.template(value, "`body.text`").map { .text($0, contentType: contentType) }
        case "form":
            return .form(decodeFields(value, what: "`body.form`"))
        case "multipart":
            return decodeMultipart(value).map { .multipart($0) }
        case "file":
            guard let path = context.template(value, "`body.file`") else { return nil }
            if path.raw.isEmpty { context.fail("`body.file` must name a file", at: value.location) }
            return .file(path: path, contentType: contentType)
        default:
            guard let text = context.string(value, "`body.base64`") else { return nil }
            guard Self.decodeBase64(text) != nil else {
                context.fail("`body.base64` is not valid base64 (A–Z, a–z, 0–9, '+', '/', '=' padding)", at: value.location)
                return nil
            }
            return .base64(text, contentType: contentType)
        }
    }

    /// Standard base64, whitespace ignored, padding optional.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        var compact = String(text.filter { !$0.isWhitespace })
        let remainder = compact.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { compact += String(repeating: "=", count: 4 - remainder) }
        guard let data = Data(base64Encoded: compact) else { return nil }
        return [UInt8](data)
    }

    private mutating func decodeMultipart(_ node: LocatedJSON) -> [MultipartPart]? {
        guard let items = context.array(node, "`body.multipart`") else { return nil }
        var parts: [MultipartPart] = []
        for item in items {
            guard let object = context.object(item, "each part of `body.multipart`") else { continue }
            context.checkKeys(object, allowed: ["name", "value", "file", "filename", "contentType"], required: ["name"], in: "multipart part")
            let hasValue = object.has("value"), hasFile = object.has("file")
            if hasValue == hasFile {
                context.fail(
                    hasValue ? "a multipart part has either `value` or `file`, not both" : "a multipart part needs `value` (a field) or `file` (a file path)",
                    at: object.location)
            }
            guard let nameNode = object["name"], let name = context.string(nameNode, "`name` of a multipart part") else { continue }
            var part = MultipartPart(name: name)
            if let node = object["value"] { part.value = context.template(node, "`value` of multipart part '\(name)'") }
            if let node = object["file"] { part.file = context.template(node, "`file` of multipart part '\(name)'") }
            if let node = object["filename"] { part.filename = context.template(node, "`filename` of multipart part '\(name)'") }
            if let node = object["contentType"] { part.contentType = context.template(node, "`contentType` of multipart part '\(name)'") }
            parts.append(part)
        }
        return parts
    }
}
