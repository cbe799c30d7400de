import ArgumentParser

/// `workbench`: run HTTP request collections as Python's httpx would experience them in each runtime.
@main
struct WorkbenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Run HTTP request collections through libcurl under runtime profiles; keep every run in SQLite.",
        discussion: """
        Typical use:
          workbench run collections/demo.json --profile all
          workbench history
          workbench show last
        """,
        version: VersionInfo.text,
        subcommands: [
            RunCommand.self, ValidateCommand.self, HistoryCommand.self, ShowCommand.self,
            ProfilesCommand.self, ServeCommand.self, ExportCommand.self, DiffCommand.self, TrendCommand.self, ImportCommand.self,
            DoctorCommand.self,
            MergeCommand.self, InitCommand.self,
        ]
    )

    /// Runs the command; usage errors (unknown flag, bad value) exit with 2, "bad input", like every other
    /// input error, instead of argument parser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error).rawValue == 64 {
                Terminal.stderr.line(fullMessage(for: error))
                Terminal.stderr.line("Run 'workbench help' for usage.")
                exit(withError: ExitCode(ExitStatus.badInput))
            }
            exit(withError: error)
        }
    }
}
