/// Decoding of `capture`: values taken from a response into variables for later requests.
extension CollectionDecoder {
    static let captureSources = ["jsonpath", "header", "regex"]

    /// `{"userId": {"jsonpath": "$.json.id"}, "etag": {"header": "ETag"}, "code": {"regex": "code=(\\d+)", "group": 1}, "st": "status"}`
    mutating func decodeCaptures(_ node: LocatedJSON) -> [Capture] {
        guard let object = context.object(node, "`capture`") else { return [] }
        checkDuplicateKeys(object, in: "`capture`")
        var captures: [Capture] = []
        for member in object.members {
            let name = member.key
            if !TemplateParser.isValidVariableName(name) {
                context.fail("invalid capture name '\(name)'; a capture is a variable: a letter or '_', then letters, digits, '_', '-' or '.'", at: member.keyLocation)
            }
            if case .string(let text, let location) = member.value {
                if text == "status" {
                    captures.append(Capture(name: name, source: .status, location: member.keyLocation))
                } else {
                    context.fail("capture '\(name)' must be \"status\" or an object with one of jsonpath, header, regex; found \"\(text)\"", at: location)
                }
                continue
            }
            guard let spec = context.object(member.value, "capture '\(name)'") else { continue }
            context.checkKeys(spec, allowed: Self.captureSources + ["group", "secret"], in: "capture '\(name)'")
            let sources = Self.captureSources.filter { spec.has($0) }
            guard let kind = sources.first, let sourceNode = spec[kind] else {
                context.fail("capture '\(name)' needs one of jsonpath, header, regex (or write \"status\")", at: spec.location)
                continue
            }
            if sources.count > 1 {
                context.fail("capture '\(name)' has both '\(sources[0])' and '\(sources[1])'; give one source", at: spec.keyLocation(sources[1]))
                continue
            }
            var secret = false
            if let node = spec["secret"] { secret = context.bool(node, "`secret` of capture '\(name)'") ?? false }
            if spec.has("group"), kind != "regex" {
                context.fail("`group` applies only to regex captures", at: spec.keyLocation("group"))
            }
            guard let argument = context.string(sourceNode, "`\(kind)` of capture '\(name)'") else { continue }
            let source: CaptureSource
            switch kind {
            case "jsonpath":
                if let error = PatternCheck.jsonPathError(argument, what: "capture '\(name)'", at: sourceNode.location) { context.record(error) }
                source = .jsonPath(argument)
            case "header":
                if !HTTPSyntax.isToken(argument) { context.fail("invalid header name '\(argument)' in capture '\(name)'", at: sourceNode.location) }
                source = .header(argument)
            default:
                if let error = PatternCheck.regexError(argument, what: "capture '\(name)'", at: sourceNode.location) {
                    context.record(error)
                    continue
                }
                let groups = PatternCheck.captureGroupCount(argument)
                var group = groups > 0 ? 1 : 0
                if let node = spec["group"], let value = context.integer(node, "`group` of capture '\(name)'") {
                    if value > groups {
                        context.fail("capture '\(name)' asks for group \(value) but the regex has \(groups) group\(groups == 1 ? "" : "s")", at: node.location)
                    }
                    group = value
                }
                source = .regex(argument, group: group)
            }
            captures.append(Capture(name: name, source: source, secret: secret, location: member.keyLocation))
        }
        return captures
    }
}
