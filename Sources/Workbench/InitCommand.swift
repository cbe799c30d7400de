import ArgumentParser
import Engine
import Reports
#if canImport(Glibc)
import Glibc
#endif

/// `workbench init [NAME]`: write a starter collection that validates and runs offline against the built-in server.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a starter collection (NAME.json): $schema, two environments, two requests against the built-in server.",
        discussion: """
        The collection runs offline as it is: `workbench run NAME.json`. Its $schema points at the collection \
        schema installed with workbench (or the one in the source tree it was built from), so editors complete \
        and check keys. Exit status: 0 written, 2 the file exists (use --force) or cannot be written.
        """
    )

    @Argument(help: "The collection's name; the file is NAME.json (a NAME ending in .json is the file itself).")
    var name: String = "api"

    @Flag(name: .long, help: "Replace the file if it exists.")
    var force = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        do throws(CLIError) {
            try execute()
        } catch {
            throw exitWith(error, terminal: output.stderr)
        }
    }

    private func execute() throws(CLIError) {
        let path = name.hasSuffix(".json") ? name : name + ".json"
        var title = path.split(separator: "/").last.map(String.init) ?? path
        if title.hasSuffix(".json") { title = String(title.dropLast(5)) }
        guard !title.isEmpty else { throw CLIError.badInput("init: '\(name)' is not a usable collection name") }
        if access(path, F_OK) == 0 && !force {
            throw CLIError.badInput("init: \(path) already exists; choose another NAME or pass --force to replace it")
        }
        guard ExportFileWriter.canCreate(path) else {
            throw CLIError.badInput("init: cannot create \(path): its directory does not exist or is not writable")
        }
        let schema = SchemaLocation.reference(from: path)
        let text = StarterCollection.text(name: title, schema: schema)
        do {
            // Mode 0644: a collection is meant to be shared, unlike exports.
            try ExportFileWriter.write(text, to: path, mode: 0o644)
        } catch {
            throw CLIError.badInput("init: \(error)")
        }
        let out = output.stdout
        if output.format == .json {
            out.line(JSONValue.object(JSONObject([
                ("file", .string(path)), ("name", .string(title)), ("schema", .string(schema)),
            ])).serialized(pretty: true))
            return
        }
        out.line("Created \(path) (\(title): 2 requests, environments local and ci).")
        out.line("Next:")
        out.line("  workbench validate \(path)")
        out.line("  workbench run \(path)")
        out.line("  workbench run \(path) --env ci --profile all")
    }
}

/// The starter collection `init` writes.
enum StarterCollection {
    static func text(name: String, schema: String) -> String {
        func quoted(_ value: String) -> String { JSONValue.string(value).serialized() }
        return """
        {
          "$schema": \(quoted(schema)),
          "name": \(quoted(name)),
          "description": "Created by workbench init: two requests against the built-in server, so it runs offline. Replace them with your API's.",
          "server": "builtin",
          "variables": {
            "user": "alice",
            "title": "first item"
          },
          "environments": {
            "local": {
              "title": "item from my machine"
            },
            "ci": {
              "title": "item from CI"
            }
          },
          "requests": [
            {
              "name": "create item",
              "method": "POST",
              "url": "{{page}}/echo",
              "headers": {
                "Accept": "application/json"
              },
              "body": {
                "json": {
                  "owner": "{{user}}",
                  "title": "{{title}}"
                }
              },
              "assert": [
                {"status": 200},
                {"header": "Content-Type", "contains": "json"},
                {"jsonpath": "$.json.owner", "==": "alice"}
              ],
              "capture": {
                "owner": {"jsonpath": "$.json.owner"}
              }
            },
            {
              "name": "read it back",
              "url": "{{page}}/get?owner={{owner}}",
              "assert": [
                {"status": 200},
                {"jsonpath": "$.query.owner", "==": "alice"}
              ]
            }
          ]
        }

        """
    }
}

/// Where the collection JSON Schema is, as `$schema` should name it from a new collection file.
enum SchemaLocation {
    static let relativeInstallPath = "share/workbench/collection.schema.json"
    static let sourceTreePath = "schema/collection.schema.json"
    /// The schema's `$id`, used when no schema file is found.
    static let fallback = "https://workbench.invalid/schema/collection.schema.json"

    /// The schema installed beside the binary (`PREFIX/bin/workbench` → `PREFIX/share/workbench/…`), else the
    /// source tree's the binary was built in; relative to the collection's directory when both are local.
    static func reference(from collectionPath: String) -> String {
        guard let schema = find() else { return fallback }
        let directory = CanonicalPath.of(parent(of: collectionPath))
        return relative(schema, from: directory)
    }

    static func find() -> String? {
        guard let executable = executablePath() else { return nil }
        var directory = parent(of: executable)
        let installed = parent(of: directory) + "/" + relativeInstallPath
        if access(installed, R_OK) == 0 { return CanonicalPath.of(installed) }
        // A build in a source tree: …/repo/.build/debug/workbench → …/repo/schema/collection.schema.json.
        for _ in 0..<5 {
            let candidate = directory + "/" + sourceTreePath
            if access(candidate, R_OK) == 0 { return CanonicalPath.of(candidate) }
            let up = parent(of: directory)
            if up == directory { break }
            directory = up
        }
        return nil
    }

    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `target` relative to `directory` (both absolute), e.g. `../schema/collection.schema.json`.
    static func relative(_ target: String, from directory: String) -> String {
        guard target.hasPrefix("/"), directory.hasPrefix("/") else { return target }
        let to = target.split(separator: "/"), from = directory.split(separator: "/")
        var common = 0
        while common < min(to.count - 1, from.count), to[common] == from[common] { common += 1 }
        // Only the root in common: an absolute path reads better than a climb to /.
        if common == 0 { return target }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }
}
