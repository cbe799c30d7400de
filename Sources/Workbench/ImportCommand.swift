import ArgumentParser
import Engine
import Importers
import Reports

/// `workbench import postman|http|har|curl FILE [--out FILE]`: another tool's requests as a collection.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a Postman collection, a .http file, a HAR recording or curl commands into a collection.",
        discussion: """
        Writes the collection to stdout, or to --out FILE (mode 0600: it may hold secrets). What could not be \
        translated (scripts, unsupported auth, dynamic variables, bodies the source did not keep) is listed on \
        stderr with where it was in the source; no request is dropped without a line saying so. \
        The collection is checked as `workbench validate` would: exit 0 valid, 1 written but not valid yet \
        (the report says what to fix), 2 the source could not be read. \
        docs/import.md shows each format.
        """
    )

    @Argument(help: "The source format: postman, http, har or curl.")
    var kind: ImportKind

    @Argument(help: "The source file.")
    var file: String

    @Option(name: .long, help: "Write the collection to this file instead of stdout.")
    var out: String?

    @Option(name: .long, parsing: .singleValue, help: "A Postman environment (or http-client.env.json) to add as a named environment (repeatable).")
    var environment: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "HAR: keep only entries whose URL matches this regular expression (repeatable).")
    var include: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "HAR: drop entries whose URL matches this regular expression (repeatable), e.g. '\\.(css|js|png|woff2?)$'.")
    var exclude: [String] = []

    @Option(name: .long, help: "The collection's name (default: the source's own name, or its file name).")
    var name: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let err = output.stderr
        let result: ImportResult
        do {
            result = try Importer.importFile(file, kind: kind,
                                             options: ImportOptions(environmentPaths: environment, include: include, exclude: exclude, name: name))
        } catch {
            throw exitWith(.badInput("cannot import \(file): \(error)"), terminal: err)
        }
        let text = result.collection.serialized(pretty: true) + "\n"
        if let out {
            do throws(ExportWriteError) { try ExportFileWriter.write(text, to: out) } catch {
                throw exitWith(.badInput(error.description), terminal: err)
            }
        } else {
            output.stdout.write(text)
        }
        let problems = validationErrors(text)
        report(result, problems: problems, terminal: err)
        if !problems.isEmpty { throw ExitCode(ExitStatus.failed) }
    }

    /// What `validate` would say about the written collection (file paths resolve beside --out).
    private func validationErrors(_ text: String) -> [InputError] {
        let path = out ?? "imported.json"
        do {
            let collection = try CollectionLoader.parse(bytes: Array(text.utf8), path: path)
            return CollectionValidator.check(collection, environment: nil, overrides: [], builtinNames: [])
        } catch {
            return error.errors
        }
    }

    private func report(_ result: ImportResult, problems: [InputError], terminal err: Terminal) {
        if output.format == .json {
            let report = JSONValue.object(JSONObject([
                ("source", .string(file)), ("kind", .string(kind.rawValue)), ("out", out.map(JSONValue.string) ?? .null),
                ("requests", .number(Double(result.requestCount))), ("valid", .bool(problems.isEmpty)),
                ("notes", .array(result.notes.map { note in
                    .object(JSONObject([
                        ("file", note.location.map { .string($0.file) } ?? .null),
                        ("line", note.location.map { .number(Double($0.line)) } ?? .null),
                        ("column", note.location.map { .number(Double($0.column)) } ?? .null),
                        ("message", .string(note.message)),
                    ]))
                })),
                ("errors", .array(problems.map { .string($0.description) })),
            ]))
            err.line(report.serialized(pretty: true))
            return
        }
        let target = out.map { " → \($0)" } ?? ""
        err.line("imported \(result.requestCount) request\(result.requestCount == 1 ? "" : "s") from \(file)\(target)")
        if !result.notes.isEmpty {
            err.line("\(result.notes.count) thing\(result.notes.count == 1 ? "" : "s") could not be translated exactly:")
            for note in result.notes { err.line("  \(err.paint("!", .yellow)) \(note)") }
        }
        if !problems.isEmpty {
            err.line("\(err.paint("✗", .red)) the collection does not validate yet:")
            for problem in problems { err.line("  \(problem)") }
        }
    }
}

extension ImportKind: EnumArgument {}
