/// A JSON object node with its members and location, as the collection decoder walks it.
struct ObjectNode {
    let members: [(key: String, keyLocation: SourceLocation, value: LocatedJSON)]
    let location: SourceLocation

    subscript(key: String) -> LocatedJSON? { members.last(where: { $0.key == key })?.value }

    func keyLocation(_ key: String) -> SourceLocation { members.last(where: { $0.key == key })?.keyLocation ?? location }

    func has(_ key: String) -> Bool { members.contains { $0.key == key } }
}

/// Collects every error found while decoding a collection, so the user sees them all at once.
struct DecodeContext {
    var errors: [InputError] = []

    mutating func fail(_ message: String, at location: SourceLocation?) {
        errors.append(InputError(message, at: location))
    }

    mutating func record(_ error: InputError) { errors.append(error) }

    /// The node as an object, or an error "`what` must be an object, found string".
    mutating func object(_ node: LocatedJSON, _ what: String) -> ObjectNode? {
        if case .object(let members, let location) = node { return ObjectNode(members: members, location: location) }
        fail("\(what) must be an object, found \(node.typeName)", at: node.location)
        return nil
    }

    /// The node as an array, or an error.
    mutating func array(_ node: LocatedJSON, _ what: String) -> [LocatedJSON]? {
        if case .array(let items, _) = node { return items }
        fail("\(what) must be an array, found \(node.typeName)", at: node.location)
        return nil
    }

    mutating func string(_ node: LocatedJSON, _ what: String) -> String? {
        if case .string(let s, _) = node { return s }
        fail("\(what) must be a string, found \(node.typeName)", at: node.location)
        return nil
    }

    mutating func bool(_ node: LocatedJSON, _ what: String) -> Bool? {
        if case .bool(let b, _) = node { return b }
        fail("\(what) must be true or false, found \(node.typeName)", at: node.location)
        return nil
    }

    mutating func number(_ node: LocatedJSON, _ what: String) -> Double? {
        if case .number(let n, _) = node { return n }
        fail("\(what) must be a number, found \(node.typeName)", at: node.location)
        return nil
    }

    /// A whole number in `range`.
    mutating func integer(_ node: LocatedJSON, _ what: String, in range: ClosedRange<Int> = 0...Int(Int32.max)) -> Int? {
        guard case .number(let n, _) = node, n == n.rounded(), n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
            let found = node.typeName == "number" ? "\(node.value.serialized())" : node.typeName
            fail("\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(found)", at: node.location)
            return nil
        }
        return Int(n)
    }

    /// A string parsed as a template.
    mutating func template(_ node: LocatedJSON, _ what: String) -> Template? {
        guard let text = string(node, what) else { return nil }
        return template(text, at: node.location)
    }

    mutating func template(_ text: String, at location: SourceLocation) -> Template? {
        do {
            return try TemplateParser.parse(text, location: location)
        } catch {
            record(error)
            return nil
        }
    }

    /// Checks every string leaf of a JSON value parses as a template (JSON bodies, variable values).
    mutating func checkTemplates(in node: LocatedJSON) {
        switch node {
        case .string(let text, let location): _ = template(text, at: location)
        case .array(let items, _): items.forEach { checkTemplates(in: $0) }
        case .object(let members, _): members.forEach { checkTemplates(in: $0.value) }
        case .null, .bool, .number: break
        }
    }

    /// Reports unknown keys (with a did-you-mean), duplicate keys and missing required keys.
    mutating func checkKeys(_ object: ObjectNode, allowed: [String], required: [String] = [], in what: String) {
        var seen: [String: SourceLocation] = [:]
        for member in object.members {
            if let first = seen[member.key] {
                fail("duplicate key '\(member.key)' in \(what) (first at line \(first.line)); remove one of them", at: member.keyLocation)
                continue
            }
            seen[member.key] = member.keyLocation
            guard !allowed.contains(member.key) else { continue }
            let suggestion = Suggestions.didYouMean(member.key, among: allowed)
            let hint = suggestion.isEmpty ? "; allowed keys: \(allowed.joined(separator: ", "))" : suggestion
            fail("unknown key '\(member.key)' in \(what)\(hint)", at: member.keyLocation)
        }
        let unknown = object.members.map(\.key).filter { !allowed.contains($0) }
        for key in required where seen[key] == nil {
            // A misspelt required key is reported once, as the unknown key with its suggestion.
            if unknown.contains(where: { Suggestions.closest(to: $0, among: allowed) == key }) { continue }
            fail("missing required key '\(key)' in \(what)", at: object.location)
        }
    }
}
