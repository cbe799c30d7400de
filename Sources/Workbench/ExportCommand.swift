import ArgumentParser
import Engine
import Reports
import Store

/// `workbench export RUN --format FORMAT [--out FILE]`: a stored run as HAR, JUnit, JSON, TAP, CSV, HTML, Markdown,
/// curl commands or a `.http` file.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a stored run (RUN is an id, 'last' or 'last~N') as har, junit, json, tap, csv, html, md, curl or http.",
        discussion: """
        Writes to stdout, or to --out FILE (created with mode 0600). Exports read the stored run, whose secrets \
        were redacted before storage: a secret appears as the variable that supplied it ({{token}}; ${TOKEN} in \
        curl commands). curl and http exports take request bodies from the run's collection (the store keeps \
        only their size). --reveal (curl, http) writes secret values, re-resolved at export time from the \
        collection, --env and --var — never from the database, which does not hold them. \
        docs/exports.md describes each format.
        """
    )

    @Argument(help: "The run: an id, last, last~1, …")
    var runReference: String = "last"

    @Option(name: .long, help: "The format: har, junit, json, tap, csv, html, md, curl, http.")
    var format: ExportFormat

    @Option(name: .long, help: "Write to this file (mode 0600) instead of stdout.")
    var out: String?

    @Flag(name: .long, help: "curl, http: write secret values (re-resolved from the collection, --env and --var), with a warning.")
    var reveal = false

    @Option(name: .long, help: "curl, http with --reveal: the collection environment to resolve secrets from (default: the run's).")
    var env: String?

    @Option(name: .long, parsing: .singleValue, help: "curl, http: a variable value (repeatable): --var key=value.")
    var `var`: [String] = []

    @OptionGroup var store: StoreOptions

    func run() throws {
        let stderr = Terminal.stderr
        do {
            if (reveal || !`var`.isEmpty || env != nil), format != .curl, format != .http {
                throw CLIError.badInput("--reveal, --env and --var apply to the curl and http formats only")
            }
            let runStore = try store.open()
            let id: Int64
            do { id = try runStore.resolveRun(runReference) } catch { throw CLIError.badInput("\(error)") }
            guard let record = try RunRecord.load(from: runStore, id: id) else {
                throw CLIError.badInput("no run \(runReference)")
            }
            var context = RequestExportContext.empty
            if format == .curl || format == .http {
                context = try requestContext(record, terminal: stderr)
            }
            let text = Exporter.render(record, as: format, creatorVersion: VersionInfo.version, context: context)
            if let out {
                do throws(ExportWriteError) { try ExportFileWriter.write(text, to: out) } catch {
                    throw CLIError.badInput(error.description)
                }
            } else {
                Terminal.stdout.write(text)
            }
        } catch let error as CLIError {
            throw exitWith(error, terminal: stderr)
        } catch let error as StoreError {
            throw exitWith(error.isBadInput ? CLIError.badInput("\(error)") : CLIError.store("\(error)"), terminal: stderr)
        }
    }

    /// Bodies from the run's collection and, with --reveal, the secret values; warnings on stderr.
    private func requestContext(_ record: RunRecord, terminal: Terminal) throws(CLIError) -> RequestExportContext {
        var overrides: [String: JSONValue] = [:]
        for item in `var` {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else { throw CLIError.badInput("--var '\(item)' is not key=value") }
            overrides[String(parts[0])] = .string(String(parts[1]))
        }
        let collection: Collection
        do { collection = try CollectionLoader.load(path: record.info.collectionPath) } catch {
            warn(terminal, "the run's collection \(record.info.collectionPath) cannot be loaded, so request bodies are left out\(reveal ? " and no secret can be revealed" : ""): \(error.errors.first.map(\.description) ?? "")")
            return .empty
        }
        if collection.sourceHash != record.info.collectionHash {
            warn(terminal, "\(record.info.collectionPath) changed since run \(record.id); bodies are taken from its current version")
        }
        let scope: VariableScope
        do { scope = try VariableScope(collection: collection, environmentName: env ?? record.info.environment, overrides: overrides) } catch {
            throw CLIError.badInput(error.description)
        }
        let resolver = ExportBodyResolver(collection: collection, scope: scope, results: record.results)
        var context = RequestExportContext(bodies: resolver.bodies())
        guard reveal else { return context }
        let referenced = Exporter.references(record, context: context)
        var revealed: [String: String] = [:]
        var missing: [String] = []
        for name in referenced where !name.hasPrefix("$") {
            if let value = resolver.secretValue(name) { revealed[name] = value } else { missing.append(name) }
        }
        context.revealed = revealed
        if !revealed.isEmpty {
            warn(terminal, "--reveal: the export holds the values of \(revealed.keys.sorted().joined(separator: ", ")), resolved now from the collection, environment and --var (the database has none)")
        }
        if !missing.isEmpty {
            warn(terminal, "--reveal: no value for \(missing.joined(separator: ", ")) (captured at run time, or a header no variable supplied); left as references")
        }
        return context
    }
}

extension ExportFormat: EnumArgument {}

/// A warning line on stderr.
private func warn(_ terminal: Terminal, _ message: String) {
    terminal.line("\(terminal.paint("warning:", .yellow, bold: true)) \(message)")
}

/// Request bodies as the collection defines them, with variables resolved except secrets and generators,
/// which stay `{{name}}` references for the export to write its own way.
struct ExportBodyResolver {
    let collection: Collection
    let scope: VariableScope
    /// Non-secret values captured during the run (the store keeps them; secret ones are redacted there).
    let captured: [String: JSONValue]

    init(collection: Collection, scope: VariableScope, results: [RequestResult]) {
        self.collection = collection
        self.scope = scope
        var captured: [String: JSONValue] = [:]
        for result in results {
            for capture in result.captures where !capture.secret {
                if let value = capture.value { captured[capture.name] = value }
            }
        }
        self.captured = captured
    }

    func isSecret(_ name: String) -> Bool {
        scope.isSecret(name) || collection.secretNames.contains(name)
            || (scope.entry(name)?.layer == .override && Redactor.isSecretName(name))
    }

    /// A secret's value re-resolved from the collection, environment and --var (never a captured one).
    func secretValue(_ name: String) -> String? {
        guard let value = scope.lookup(name) else { return nil }
        return substitute(value.templateText, depth: 0, revealing: true)
    }

    func bodies() -> [String: ExportedBody] {
        var out: [String: ExportedBody] = [:]
        for request in collection.requests {
            guard let body = request.body else { continue }
            out[request.id] = exported(body)
        }
        return out
    }

    private func exported(_ body: BodyDefinition) -> ExportedBody {
        switch body {
        case .json(let json): return .text(resolveJSON(json).serialized())
        case .text(let text, _): return .text(substitute(text.raw))
        case .form(let fields):
            return .text(fields.map { formEncode($0.name) + "=" + formEncode(substitute($0.value.raw)) }.joined(separator: "&"))
        case .multipart(let parts):
            return .multipart(parts.map { part in
                ExportedPart(name: part.name, value: part.value.map { substitute($0.raw) },
                             file: part.file.map { absolute(substitute($0.raw)) },
                             filename: part.filename.map { substitute($0.raw) },
                             contentType: part.contentType.map { substitute($0.raw) })
            })
        case .file(let path, _): return .file(absolute(substitute(path.raw)))
        case .base64(let text, _): return .binary(base64: text)
        }
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : collection.directory + "/" + path
    }

    /// JSON string leaves resolved; a leaf that is exactly one non-secret `{{var}}` takes the variable's JSON value.
    private func resolveJSON(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s):
            if let name = Self.soleReference(s), !name.hasPrefix("$"), !isSecret(name) {
                if let captured = captured[name] { return captured }
                if let found = scope.lookup(name) {
                    if case .string(let text) = found { return .string(substitute(text, depth: 1)) }
                    return found
                }
            }
            return .string(substitute(s))
        case .array(let items): return .array(items.map(resolveJSON))
        case .object(let o): return .object(JSONObject(o.members.map { ($0.key, resolveJSON($0.value)) }))
        default: return value
        }
    }

    static func soleReference(_ s: String) -> String? {
        guard s.hasPrefix("{{"), s.hasSuffix("}}"), s.count > 4 else { return nil }
        let inner = s.dropFirst(2).dropLast(2)
        guard !inner.contains("{"), !inner.contains("}") else { return nil }
        return String(inner.filter { $0 != " " })
    }

    /// `{{name}}` replaced by its value, except secrets (unless revealing) and generators; `\{{` stays `{{`.
    func substitute(_ text: String, depth: Int = 0, revealing: Bool = false) -> String {
        guard text.contains("{{"), depth < 10 else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            if open.lowerBound > rest.startIndex, rest[rest.index(before: open.lowerBound)] == "\\" {
                out += rest[..<rest.index(before: open.lowerBound)] + "{{"
                rest = rest[open.upperBound...]
                continue
            }
            out += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close.lowerBound].filter { $0 != " " })
            let original = String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
            if name.hasPrefix("$") || (isSecret(name) && !revealing) {
                out += "{{\(name)}}"
            } else if let value = captured[name] {
                out += value.templateText
            } else if let value = scope.lookup(name) {
                out += substitute(value.templateText, depth: depth + 1, revealing: revealing)
            } else {
                out += original
            }
        }
        return out + rest
    }

    private func formEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "$"):
                out.append(Character(Unicode.Scalar(byte)))
            case UInt8(ascii: " "): out += "+"
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }
}
