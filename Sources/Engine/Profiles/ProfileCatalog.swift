/// The built-in profiles and the loader for users' profile definitions.
///
/// A custom definition is a JSON object: `{"name": "...", "extends": "browser-main", "description": "...", <field>: <value>, …}`.
/// `extends` names a built-in; every other key overrides one field of `Profile` (see `Profile.definitionKeys`).
public enum ProfileCatalog {
    /// Every built-in profile, in the order `workbench profiles` lists them.
    public static var builtIns: [Profile] {
        [.native, .browserMain, .browserWorker, .nodeJSPI, .nodeNoJSPI, .browserMainJSPI, .browserWorkerJSPI]
    }

    /// A built-in profile by name (exact, case-sensitive).
    public static func named(_ name: String) -> Profile? {
        builtIns.first { $0.name == name }
    }

    /// The closest built-in name to a misspelt one, if any is close.
    public static func suggestion(for name: String) -> String? {
        ProfileNameMatcher.closest(to: name, among: builtIns.map(\.name))
    }

    /// Loads a profile definition file (JSON). Errors name the file, line and column.
    public static func load(path: String) throws(InputError) -> Profile {
        let bytes = try ProfileFileReader.read(path: path)
        let located = try JSONParser.parseLocated(bytes, file: path)
        guard case .object(let members, let location) = located else {
            throw InputError("a profile definition must be a JSON object, not \(located.typeName)", at: located.location)
        }
        guard let nameMember = members.last(where: { $0.key == "name" }) else {
            throw InputError("a profile definition needs a \"name\"", at: location)
        }
        guard case .string(let name, _) = nameMember.value else {
            throw InputError("\"name\" must be a string", at: nameMember.value.location)
        }
        return try build(name: name, members: members.map { ($0.key, $0.keyLocation, $0.value.value) }, location: location)
    }

    /// Builds a profile from a definition already parsed (a collection's `profiles` section, for example).
    public static func fromDefinition(name: String, json: JSONValue, location: SourceLocation?) throws(InputError) -> Profile {
        guard let object = json.objectValue else {
            throw InputError("profile '\(name)' must be defined by a JSON object, not \(json.typeName)", at: location)
        }
        return try build(name: name, members: object.members.map { ($0.key, location, $0.value) }, location: location)
    }

    private static func build(name: String, members: [(String, SourceLocation?, JSONValue)],
                              location: SourceLocation?) throws(InputError) -> Profile {
        try checkName(name, location: location)
        guard let extendsMember = members.last(where: { $0.0 == "extends" }) else {
            throw InputError("profile '\(name)' needs \"extends\": one of \(builtIns.map(\.name).joined(separator: ", "))", at: location)
        }
        guard let parentName = extendsMember.2.stringValue else {
            throw InputError("\"extends\" must be the name of a built-in profile", at: extendsMember.1)
        }
        guard let parent = named(parentName) else {
            var message = "profile '\(name)' extends unknown profile '\(parentName)'"
            if let guess = suggestion(for: parentName) { message += "; did you mean '\(guess)'?" }
            throw InputError(message, at: extendsMember.1)
        }
        var profile = parent
        profile.name = name
        profile.extends = parent.name
        profile.description = "Custom profile '\(name)', extending \(parent.name): \(parent.description)"
        for (key, keyLocation, value) in members {
            switch key {
            case "name":
                if value.stringValue != name {
                    throw InputError("\"name\" says '\(value.stringValue ?? value.typeName)' but the profile is named '\(name)'", at: keyLocation)
                }
            case "extends":
                continue
            default:
                do throws(ProfileFieldError) {
                    try profile.set(key: key, to: value)
                } catch {
                    throw InputError(error.message, at: keyLocation)
                }
            }
        }
        try checkConsistency(profile, location: location)
        return profile
    }

    private static func checkName(_ name: String, location: SourceLocation?) throws(InputError) {
        let allowed = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }
        guard !name.isEmpty, allowed else {
            throw InputError("profile name '\(name)' must be lower-case letters, digits, '-' or '_'", at: location)
        }
        if named(name) != nil {
            throw InputError("profile name '\(name)' is a built-in; give the custom profile its own name and \"extends\": \"\(name)\"", at: location)
        }
        if name == "all" {
            throw InputError("profile name 'all' is reserved (it means every built-in profile)", at: location)
        }
    }

    private static func checkConsistency(_ p: Profile, location: SourceLocation?) throws(InputError) {
        let contextFits: Bool
        switch p.runtime {
        case .browser: contextFits = p.context != .process
        case .native, .node: contextFits = p.context == .process
        }
        guard contextFits else {
            throw InputError("profile '\(p.name)': context '\(p.context.rawValue)' does not fit runtime '\(p.runtime.rawValue)' (browsers run on the main thread or in a worker; native and node in a process)", at: location)
        }
        if p.syncAPI == .fetch {
            throw InputError("profile '\(p.name)': syncAPI cannot be 'fetch' (synchronous Python needs sync-xhr, fetch-run-sync, or is unavailable)", at: location)
        }
        if p.asyncAPI == .syncXHR || p.asyncAPI == .fetchRunSync || p.asyncAPI == .unavailable {
            throw InputError("profile '\(p.name)': asyncAPI must be 'httpx' or 'fetch'", at: location)
        }
        if (p.runtime == .native) != (p.syncAPI == .httpx) || (p.runtime == .native) != (p.asyncAPI == .httpx) {
            throw InputError("profile '\(p.name)': the 'httpx' API belongs to the native runtime only, and the native runtime uses only it", at: location)
        }
        if p.syncAPI == .fetchRunSync && !p.jspi {
            throw InputError("profile '\(p.name)': syncAPI 'fetch-run-sync' needs \"jspi\": true", at: location)
        }
        if p.preflightCacheDefault > p.preflightCacheMax {
            throw InputError("profile '\(p.name)': preflightCacheDefault exceeds preflightCacheMax", at: location)
        }
    }
}

/// Did-you-mean for profile names and fields (Levenshtein distance, at most a third of the word).
enum ProfileNameMatcher {
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lower = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(Array(lower.unicodeScalars), Array(candidate.lowercased().unicodeScalars))
            if d == 0 { return candidate }
            if best == nil || d < best?.1 ?? Int.max { best = (candidate, d) }
        }
        guard let (candidate, d) = best, d <= max(2, word.count / 3) else { return nil }
        return candidate
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
