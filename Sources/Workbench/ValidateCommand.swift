import ArgumentParser
import Engine

/// `workbench validate FILE…`: check collections without sending anything.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check collections without running them (exit 0 valid, 2 invalid)."
    )

    @Argument(help: "Collection files.")
    var files: [String]

    @Option(name: .long, help: "Check variables against this environment.")
    var env: String?

    @Option(name: .long, parsing: .singleValue, help: "Variables that will be given with --var (repeatable): --var key=value or --var key.")
    var `var`: [String] = []

    @OptionGroup var output: OutputOptions

    func run() throws {
        let out = output.stdout
        var invalid = 0
        var reports: [JSONValue] = []
        let overrides = Set(`var`.map { item in item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? item })
        for file in files {
            var errors: [InputError] = []
            var requestCount = 0
            do {
                let collection = try CollectionLoader.load(path: file)
                requestCount = collection.requests.count
                let builtins: Set<String> = collection.usesBuiltinServer ? ["base", "page"] : []
                errors = CollectionValidator.check(collection, environment: env, overrides: overrides, builtinNames: builtins)
                for (name, definition) in collection.profileDefinitions {
                    do { _ = try ProfileCatalog.fromDefinition(name: name, json: definition, location: nil) } catch {
                        errors.append(error)
                    }
                }
            } catch {
                errors = error.errors
            }
            if !errors.isEmpty { invalid += 1 }
            if output.format == .json {
                reports.append(.object(JSONObject([
                    ("file", .string(file)), ("valid", .bool(errors.isEmpty)), ("requests", .number(Double(requestCount))),
                    ("errors", .array(errors.map { e in
                        .object(JSONObject([
                            ("line", e.location.map { .number(Double($0.line)) } ?? .null),
                            ("column", e.location.map { .number(Double($0.column)) } ?? .null),
                            ("message", .string(e.message)),
                        ]))
                    })),
                ])))
            } else if errors.isEmpty {
                out.line("\(out.paint("✓", .green)) \(file): valid, \(requestCount) request\(requestCount == 1 ? "" : "s")")
            } else {
                let err = output.stderr
                err.line("\(err.paint("✗", .red)) \(file): \(errors.count) error\(errors.count == 1 ? "" : "s")")
                for e in errors { err.line("  \(e)") }
            }
        }
        if output.format == .json { out.line(JSONValue.array(reports).serialized(pretty: true)) }
        if invalid > 0 { throw ExitCode(ExitStatus.badInput) }
    }
}
