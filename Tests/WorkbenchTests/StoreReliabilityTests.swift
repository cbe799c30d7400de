import Foundation
import Testing

/// Crash safety and concurrency of the run store, through the real binary (issue #7):
/// kill -9 at random moments, SIGTERM, many processes writing one file, a full disk.
/// `WORKBENCH_KILL_TRIALS` and `WORKBENCH_WRITERS_REQUESTS` raise the counts for the long run
/// (`scripts/reliability`); CI uses the defaults.
@Suite("Store reliability through the binary", .serialized)
struct StoreReliabilityTests {
    private static let environment = ProcessInfo.processInfo.environment

    private func collection(named name: String, requests: Int, path: String, in dir: URL) throws -> String {
        let items = (0..<requests).map { "{\"name\": \"r\($0)\", \"method\": \"GET\", \"url\": \"{{base}}\(path)\"}" }
        let text = "{\"name\": \"\(name)\", \"server\": \"builtin\", \"requests\": [\(items.joined(separator: ","))]}"
        let url = dir.appendingPathComponent("\(name).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// One stored run as the test compares it between trials.
    private struct RunState: Equatable {
        var status: String
        var passed: Int
        var failed: Int
        var errored: Int
        var skipped: Int
        var total: Int { passed + failed + errored + skipped }
    }

    private func runs(_ db: String) throws -> [Int: RunState] {
        let history = try CLI.run(["history", "--db", db, "--limit", "0", "--output", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        let list = try CLI.json(history.stdout) as? [[String: Any]] ?? []
        var states: [Int: RunState] = [:]
        for run in list {
            guard let id = run["id"] as? Int else { continue }
            states[id] = RunState(status: run["status"] as? String ?? "?", passed: run["passed"] as? Int ?? -1,
                                  failed: run["failed"] as? Int ?? -1, errored: run["errored"] as? Int ?? -1,
                                  skipped: run["skipped"] as? Int ?? -1)
        }
        return states
    }

    private func storedResultCount(_ db: String, run: Int) throws -> Int {
        let show = try CLI.run(["show", String(run), "--db", db, "--output", "json"])
        let object = try CLI.json(show.stdout) as? [String: Any]
        return (object?["results"] as? [Any])?.count ?? -1
    }

    private func expectSound(_ db: String) throws {
        let doctor = try CLI.run(["doctor", "--db", db, "--output", "json"])
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        let report = try CLI.json(doctor.stdout) as? [String: Any]
        #expect(report?["sound"] as? Bool == true, "\(doctor.stdout)")
    }

    @Test("kill -9 at random moments: the file stays sound, earlier runs intact, the killed run is interrupted with its committed results")
    func killNineAtRandomMoments() throws {
        let trials = Int(Self.environment["WORKBENCH_KILL_TRIALS"] ?? "") ?? 12
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        let file = try collection(named: "victim", requests: 80, path: "/delay/15", in: dir)
        let baseline = try CLI.run(["run", file, "--db", db, "-q"], timeout: 60)
        #expect(baseline.status == 0, "\(baseline.stderr)")
        var known = try runs(db)
        #expect(known.count == 1)
        var interrupted = 0
        for _ in 0..<trials {
            let running = try CLI.start(["run", file, "--db", db, "-q"])
            usleep(UInt32.random(in: 0...1_100_000))
            kill(running.process.processIdentifier, SIGKILL)
            _ = try CLI.finish(running, timeout: 30)
            #expect(running.process.terminationReason == .uncaughtSignal || running.process.terminationStatus == 0)
            try expectSound(db)
            let now = try runs(db)
            for (id, state) in known {
                #expect(now[id] == state, "run \(id) changed after a later run was killed")
            }
            for (id, state) in now where known[id] == nil {
                #expect(state.status == "interrupted" || state.status == "completed", "run \(id): \(state.status)")
                #expect(try storedResultCount(db, run: id) == state.total, "run \(id): counts match committed results")
                if state.status == "interrupted" { interrupted += 1 }
            }
            known = now
        }
        #expect(interrupted > 0, "at least one trial killed a run mid-way")
        print("kill -9 trials: \(trials), runs interrupted mid-way: \(interrupted), runs stored in all: \(known.count)")
    }

    @Test("SIGTERM stops cleanly: exit 143, the partial run is stored as interrupted")
    func sigtermStopsCleanly() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        let file = try collection(named: "slow", requests: 30, path: "/delay/100", in: dir)
        let running = try CLI.start(["run", file, "--db", db])
        usleep(900_000)
        kill(running.process.processIdentifier, SIGTERM)
        let result = try CLI.finish(running, timeout: 30)
        #expect(result.status == 143, "\(result.stdout)\n\(result.stderr)")
        let states = try runs(db)
        let run = try #require(states.values.first)
        #expect(states.count == 1)
        #expect(run.status == "interrupted")
        #expect(run.passed >= 1 && run.passed < 30)
        #expect(try storedResultCount(db, run: try #require(states.keys.first)) == run.total)
        try expectSound(db)
    }

    @Test("8 processes write one database at once: no lost row, no 'locked' reaches the user")
    func eightConcurrentWriters() throws {
        let requests = Int(Self.environment["WORKBENCH_WRITERS_REQUESTS"] ?? "") ?? 1000
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("wb.db").path
        let file = try collection(named: "writers", requests: requests, path: "/get", in: dir)
        let processes = try (0..<8).map { _ in try CLI.start(["run", file, "--db", db, "-q"]) }
        let results = try processes.map { try CLI.finish($0, timeout: 300) }
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("locked"), "\(result.stderr)")
        }
        let states = try runs(db)
        #expect(states.count == 8)
        for (id, state) in states {
            #expect(state == RunState(status: "completed", passed: requests, failed: 0, errored: 0, skipped: 0), "run \(id)")
            #expect(try storedResultCount(db, run: id) == requests)
        }
        try expectSound(db)
    }

    /// A 1 MiB tmpfs is a real full disk; making one needs root (CI and the dev machines run as root).
    private static func mountSmallDisk(at path: String) -> Bool {
        guard getuid() == 0 else { return false }
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", path]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { return false }
        mount.waitUntilExit()
        return mount.terminationStatus == 0
    }

    private static func unmount(_ path: String) {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [path]
        try? umount.run()
        umount.waitUntilExit()
    }

    @Test("disk full: a clear error and exit 3, the run marked failed, earlier runs intact",
          .enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func diskFull() throws {
        let dir = try CLI.temporaryDirectory()
        let disk = dir.appendingPathComponent("disk").path
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        guard Self.mountSmallDisk(at: disk) else {
            Issue.record("could not mount a tmpfs at \(disk) although running as root")
            return
        }
        defer { Self.unmount(disk) }
        let db = disk + "/wb.db"
        let small = try collection(named: "small", requests: 3, path: "/get", in: dir)
        let first = try CLI.run(["run", small, "--db", db, "-q"])
        #expect(first.status == 0, "\(first.stderr)")
        // Each echoed body differs, so every one is stored: about 3 MiB into a 1 MiB disk.
        let pad = String(repeating: "x", count: 60_000)
        let items = (0..<48).map {
            "{\"name\": \"b\($0)\", \"method\": \"POST\", \"url\": \"{{base}}/anything\", \"body\": {\"text\": \"{{pad}}-\($0)\"}}"
        }
        let big = dir.appendingPathComponent("big.json").path
        try "{\"name\": \"big\", \"server\": \"builtin\", \"variables\": {\"pad\": \"\(pad)\"}, \"requests\": [\(items.joined(separator: ","))]}"
            .write(toFile: big, atomically: true, encoding: .utf8)
        let filling = try CLI.run(["run", big, "--db", db, "-q"], timeout: 120)
        #expect(filling.status == 3, "\(filling.stdout)\n\(filling.stderr)")
        #expect(filling.stderr.contains("full"), "\(filling.stderr)")
        let states = try runs(db)
        #expect(states[1] == RunState(status: "completed", passed: 3, failed: 0, errored: 0, skipped: 0))
        if let second = states[2] {
            #expect(second.status == "failed" || second.status == "interrupted", "\(second)")
        }
        try expectSound(db)
    }
}
