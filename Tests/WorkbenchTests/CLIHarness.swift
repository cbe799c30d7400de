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

    /// Collects a pipe's bytes on a background reader so a chatty child never blocks on a full pipe.
    final class CollectedOutput: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data()
        private var err = Data()
        func append(_ data: Data, error: Bool) {
            lock.lock(); defer { lock.unlock() }
            if error { err.append(data) } else { out.append(data) }
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
        out.fileHandleForReading.readabilityHandler = { h in collected.append(h.availableData, error: false) }
        err.fileHandleForReading.readabilityHandler = { h in collected.append(h.availableData, error: true) }
        try process.run()
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
        running.stdout.fileHandleForReading.readabilityHandler = nil
        running.stderr.fileHandleForReading.readabilityHandler = nil
        let restOut = running.stdout.fileHandleForReading.readDataToEndOfFile()
        let restErr = running.stderr.fileHandleForReading.readDataToEndOfFile()
        running.collected.append(restOut, error: false)
        running.collected.append(restErr, error: true)
        let (o, e) = running.collected.texts
        return CLIResult(status: running.process.terminationStatus, stdout: o, stderr: e)
    }

    /// Parses JSON output with Foundation (an independent parser from the one under test).
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}
