import ArgumentParser
import Engine
import Reports
import Store

/// `workbench export RUN --format FORMAT [--out FILE]`: a stored run as HAR, JUnit, JSON, TAP, CSV or HTML.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a stored run (RUN is an id, 'last' or 'last~N') as har, junit, json, tap, csv or html.",
        discussion: """
        Writes to stdout, or to --out FILE (created with mode 0600). Exports read the stored run, whose secrets
        were redacted before storage: a secret appears as the variable that supplied it ({{token}}).
        docs/exports.md describes each format.
        """
    )

    @Argument(help: "The run: an id, last, last~1, …")
    var runReference: String = "last"

    @Option(name: .long, help: "The format: har, junit, json, tap, csv, html.")
    var format: ExportFormat

    @Option(name: .long, help: "Write to this file (mode 0600) instead of stdout.")
    var out: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let stderr = Terminal.stderr
        do {
            let runStore = try store.open()
            let id: Int64
            do { id = try runStore.resolveRun(runReference) } catch { throw CLIError.badInput("\(error)") }
            guard let record = try RunRecord.load(from: runStore, id: id) else {
                throw CLIError.badInput("no run \(runReference)")
            }
            let text = Exporter.render(record, as: format, creatorVersion: VersionInfo.version)
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
}

extension ExportFormat: ExpressibleByArgument {}
