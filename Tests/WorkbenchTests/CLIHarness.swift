import Foundation
import Testing

/// Runs the built `workbench` binary as a child process and captures what it printed.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// The package root (two levels above this file's folder).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `workbench` binary beside the test bundle (or `$WORKBENCH_BIN`).
    static let binary: String = {
        if let explicit = ProcessInfo.processInfo.environment["WORKBENCH_BIN"] { return explicit }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0])
        var dir = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("workbench").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/workbench").path
    }()

    /// A fresh temporary folder for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `workbench args…` in the package root and waits for it.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> CLIResult {
        let process = try start(arguments, environment: environment)
        return try finish(process, timeout: timeout)
    }

    struct Running {
        var process: Process
        var stdout: Pipe
        var stderr: Pipe
        var collected: CollectedOutput
    }

    /// Collects a child's stdout and stderr on two reader threads, each reading until end of file, so a
    /// chatty child never blocks on a full pipe and nothing written before exit is lost.
    ///
    /// (A `readabilityHandler` cannot promise the second: a handler call may still hold bytes it has read
    /// when the caller stops it, which lost whole outputs under load.)
    final class CollectedOutput: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data()
        private var err = Data()
        private let finished = DispatchGroup()

        func append(_ data: Data, error: Bool) {
            lock.lock(); defer { lock.unlock() }
            if error { err.append(data) } else { out.append(data) }
        }

        /// Starts a thread that reads `handle` until end of file.
        func drain(_ handle: FileHandle, error: Bool) {
            finished.enter()
            let thread = Thread { [self] in
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    append(data, error: error)
                }
                finished.leave()
            }
            thread.start()
        }

        /// Waits until both pipes reached end of file; false after `seconds`.
        func waitForEndOfFile(seconds: Double) -> Bool {
            finished.wait(timeout: .now() + seconds) == .success
        }

        var texts: (String, String) {
            lock.lock(); defer { lock.unlock() }
            return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
    }

    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["COLUMNS"] = "160"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let collected = CollectedOutput()
        try process.run()
        collected.drain(out.fileHandleForReading, error: false)
        collected.drain(err.fileHandleForReading, error: true)
        return Running(process: process, stdout: out, stderr: err, collected: collected)
    }

    static func finish(_ running: Running, timeout: TimeInterval = 120) throws -> CLIResult {
        let deadline = Date().addingTimeInterval(timeout)
        while running.process.isRunning {
            if Date() > deadline {
                running.process.terminate()
                Issue.record("workbench \(running.process.arguments ?? []) did not finish within \(timeout) s")
                break
            }
            usleep(10_000)
        }
        running.process.waitUntilExit()
        if !running.collected.waitForEndOfFile(seconds: 30) {
            Issue.record("workbench \(running.process.arguments ?? []) exited but its output pipes stayed open")
        }
        let (o, e) = running.collected.texts
        return CLIResult(status: running.process.terminationStatus, stdout: o, stderr: e)
    }

    /// Parses JSON output with Foundation (an independent parser from the one under test).
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}
