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
            ProfilesCommand.self, ServeCommand.self,
        ]
    )
}
