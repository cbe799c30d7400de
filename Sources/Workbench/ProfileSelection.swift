import Engine

/// Turns `--profile` text into profiles: `all`, a comma-separated list of names, or paths to profile files;
/// names may also be defined in the collection's `profiles` section.
enum ProfileSelection {
    static func resolve(_ argument: String, collection: Collection?) throws(CLIError) -> [Profile] {
        let items = argument.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw CLIError.badInput("--profile needs a name, a comma-separated list, a file, or 'all'") }
        var profiles: [Profile] = []
        for item in items {
            if item == "all" {
                profiles.append(contentsOf: ProfileCatalog.builtIns)
                continue
            }
            profiles.append(try resolveOne(item, collection: collection))
        }
        var seen = Set<String>()
        return profiles.filter { seen.insert($0.name).inserted }
    }

    static func resolveOne(_ item: String, collection: Collection?) throws(CLIError) -> Profile {
        if item.hasSuffix(".json") || item.contains("/") {
            do { return try ProfileCatalog.load(path: item) } catch { throw CLIError.badInput("profile file \(error)") }
        }
        if let definition = collection?.profileDefinitions[item] {
            do {
                return try ProfileCatalog.fromDefinition(name: item, json: definition, location: nil)
            } catch {
                throw CLIError.badInput("profile '\(item)' in the collection: \(error)")
            }
        }
        if let profile = ProfileCatalog.named(item) { return profile }
        var names = ProfileCatalog.builtIns.map(\.name)
        names.append(contentsOf: collection?.profileDefinitions.keys.sorted() ?? [])
        let hint = ProfileCatalog.suggestion(for: item).map { " Did you mean --profile \($0)?" } ?? ""
        throw CLIError.badInput("unknown profile '\(item)'.\(hint) Available: \(names.joined(separator: ", ")), all, or a path to a profile file.")
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
