import Engine

/// The entry point of every import: reads the source file and returns the collection and the notes.
public enum Importer {
    public static func importFile(_ path: String, kind: ImportKind, options: ImportOptions = ImportOptions()) throws(ImportError) -> ImportResult {
        if !options.include.isEmpty || !options.exclude.isEmpty, kind != .har {
            throw ImportError("--include and --exclude filter HAR entries; they do not apply to \(kind.rawValue) imports")
        }
        if !options.environmentPaths.isEmpty, kind != .postman, kind != .http {
            throw ImportError("--environment adds Postman (or http-client.env.json) environments; it does not apply to \(kind.rawValue) imports")
        }
        var result: ImportResult
        switch kind {
        case .postman: result = try PostmanImporter.importFile(path, options: options)
        case .http:
            result = try HTTPFileImporter.importFile(path, options: options)
            for environmentPath in options.environmentPaths {
                result = try HTTPEnvironmentFile.add(environmentPath, to: result)
            }
        case .har: result = try HARImporter.importFile(path, options: options)
        case .curl: result = try CurlImporter.importFile(path, options: options)
        }
        return result
    }

    /// Imports text held in memory (tests, stdin): `file` names it in notes.
    public static func importText(_ text: String, kind: ImportKind, file: String, options: ImportOptions = ImportOptions()) throws(ImportError) -> ImportResult {
        switch kind {
        case .http: return try HTTPFileImporter.importText(text, file: file, options: options)
        case .curl: return try CurlImporter.importText(text, file: file, options: options)
        case .har:
            let root: LocatedJSON
            do { root = try JSONParser.parseLocated(Array(text.utf8), file: file) } catch {
                throw ImportError("not valid JSON: \(error.message)", at: error.location)
            }
            return try HARImporter.importJSON(root, file: file, options: options)
        case .postman:
            throw ImportError("import postman reads a file; write the text to a file first")
        }
    }
}

/// JetBrains `http-client.env.json` (`{"dev": {"host": …}, "prod": {…}}`) → named environments.
enum HTTPEnvironmentFile {
    static func add(_ path: String, to result: ImportResult) throws(ImportError) -> ImportResult {
        let root = try ImportSource.json(path)
        guard case .object(let environments, _) = root else {
            throw ImportError("an http-client.env.json file is an object of environments: {\"dev\": {\"host\": \"…\"}}", at: root.location)
        }
        guard case .object(var collection) = result.collection else { return result }
        var existing = collection["environments"]?.objectValue ?? JSONObject()
        var notes = result.notes
        let secret = path.contains("private")
        for environment in environments {
            guard case .object(let values, _) = environment.value else {
                notes.append(ImportNote("environment '\(environment.key)' is not an object; ignored", at: environment.value.location))
                continue
            }
            var variables = JSONObject()
            for value in values {
                let name = VariableNames.sanitize(value.key)
                let scalar: JSONValue
                switch value.value.value {
                case .object, .array:
                    notes.append(ImportNote("environment variable '\(value.key)' is not a scalar; ignored", at: value.value.location))
                    continue
                default: scalar = value.value.value
                }
                variables[name] = secret || Redactor.isSecretName(name)
                    ? .object(JSONObject([("value", scalar), ("secret", .bool(true))])) : scalar
            }
            existing[environment.key] = .object(variables)
        }
        collection["environments"] = .object(existing)
        return ImportResult(collection: .object(collection), requestCount: result.requestCount, notes: notes)
    }
}
