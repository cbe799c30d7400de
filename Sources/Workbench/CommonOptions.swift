import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Engine
import Store

/// Options shared by commands that open the run store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $WORKBENCH_DB, else $XDG_DATA_HOME/workbench/workbench.db).")
    var db: String?

    var path: String { db ?? RunStore.defaultPath(environment: ProcessEnvironment.all) }

    func open() throws(CLIError) -> RunStore {
        do {
            return try RunStore.open(path: path)
        } catch {
            throw CLIError.store("cannot open the run store: \(error)")
        }
    }
}

/// Options shared by commands that print.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Colour: auto (a terminal without NO_COLOR), always, never.")
    var color: ColorChoiceArgument = .auto

    @Option(name: .long, help: "Output format: text (default) or json.")
    var output: OutputFormat = .text

    @Flag(name: .customLong("json"), help: .hidden)
    var jsonAlias = false

    var format: OutputFormat { jsonAlias ? .json : output }
    var stdout: Terminal { Terminal(fd: 1, choice: color.choice) }
    var stderr: Terminal { Terminal(fd: 2, choice: color.choice) }
}

/// `--output text|json`.
enum OutputFormat: String, EnumArgument {
    case text, json
}

/// `--color auto|always|never` as an argument.
enum ColorChoiceArgument: String, EnumArgument {
    case auto, always, never
    var choice: ColorChoice { ColorChoice(rawValue: rawValue) ?? .auto }
}

extension ClientMode: EnumArgument {}
extension CredentialsMode: EnumArgument {}

/// Loads a collection, turning its errors into a bad-input CLI error that lists each one.
func loadCollection(_ path: String) throws(CLIError) -> Collection {
    do {
        return try CollectionLoader.load(path: path)
    } catch {
        let lines = error.errors.map(\.description)
        let count = lines.count == 1 ? "1 error" : "\(lines.count) errors"
        throw CLIError.badInput("\(path): \(count)\n" + lines.map { "  " + $0 }.joined(separator: "\n"))
    }
}

/// Absolute, symlink-free paths, so runs of one collection match however its path was typed.
enum CanonicalPath {
    static func of(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(validatingCString: resolved) ?? path
    }
}
