import ArgumentParser

/// The exit codes every command uses (docs/cli.md lists them).
enum ExitStatus {
    /// Everything met its expectations (or, for `diff`, the runs are equal).
    static let ok: Int32 = 0
    /// A request or assertion failed (or, for `diff`, the runs differ).
    static let failed: Int32 = 1
    /// Bad input: nothing was sent.
    static let badInput: Int32 = 2
    /// The store failed (database unwritable, locked past its timeout, full).
    static let storeError: Int32 = 3
    static let interrupted: Int32 = 130
    static let terminated: Int32 = 143
}

/// An error the CLI reports on stderr before exiting with its status.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var status: Int32
    var description: String { message }

    static func badInput(_ message: String) -> CLIError { CLIError(message: message, status: ExitStatus.badInput) }
    static func store(_ message: String) -> CLIError { CLIError(message: message, status: ExitStatus.storeError) }
}

/// Prints the error and exits with its status; used by every command's `run()`.
func exitWith(_ error: CLIError, terminal: Terminal = .stderr) -> ExitCode {
    terminal.printError(error.message)
    return ExitCode(error.status)
}
