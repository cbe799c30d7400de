// wb-store-bench: the benchmark's store workloads, through Store's public API only.
//
//   wb-store-bench replay --from SRC.db --run ID --to DEST.db --runs K --per-run M [--days D]
//
// Reads the results of run ID from SRC (a real run written by `workbench run`) and appends them as K new
// runs of M results each into DEST (cycling through the source results and re-indexing them when M is
// larger), with start times spread over the last D days. Prints one JSON line with the time spent in
// `beginRun` + `append` + `finishRun`, i.e. what storing costs a run, without any network work.
import Engine
import Store
#if canImport(Glibc)
import Glibc
#endif

/// A command-line failure: the message says what to fix.
struct UsageError: Error, CustomStringConvertible {
    let description: String
}

/// The parsed `replay` arguments.
struct ReplayArguments {
    var from = ""
    var runID: Int64 = 0
    var to = ""
    var runs = 1
    var perRun = 0
    var days = 90.0

    init(_ arguments: ArraySlice<String>) throws(UsageError) {
        var rest = arguments
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            switch flag {
            case "--from": from = value
            case "--to": to = value
            case "--run": runID = try Self.number(value, flag)
            case "--runs": runs = Int(try Self.number(value, flag))
            case "--per-run": perRun = Int(try Self.number(value, flag))
            case "--days": days = Double(try Self.number(value, flag))
            default: throw UsageError(description: "unknown option \(flag)")
            }
        }
        guard !from.isEmpty, !to.isEmpty else { throw UsageError(description: "--from and --to are required") }
        guard runs >= 1 else { throw UsageError(description: "--runs must be at least 1") }
    }

    private static func number(_ text: String, _ flag: String) throws(UsageError) -> Int64 {
        guard let value = Int64(text), value >= 0 else { throw UsageError(description: "\(flag): expected a number, got \(text)") }
        return value
    }
}

func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func replay(_ arguments: ReplayArguments) throws -> String {
    let source = try RunStore.open(path: arguments.from)
    guard let stored = try source.run(id: arguments.runID) else {
        throw UsageError(description: "run \(arguments.runID) is not in \(arguments.from)")
    }
    let template = try source.results(runID: arguments.runID)
    guard !template.isEmpty else { throw UsageError(description: "run \(arguments.runID) has no results") }
    let perRun = arguments.perRun > 0 ? arguments.perRun : template.count

    let destination = try RunStore.open(path: arguments.to)
    let now = Clock.now()
    let spacing = arguments.days * 86_400 / Double(arguments.runs)
    var storeSeconds = 0.0
    for run in 0..<arguments.runs {
        var info = stored.info
        info.startedAt = now - Double(arguments.runs - run) * spacing
        info.host = "bench-generator"
        let started = monotonicSeconds()
        let runID = try destination.beginRun(info, plannedRequests: perRun)
        var counts = RunCounts()
        for position in 0..<perRun {
            var result = template[position % template.count]
            if position >= template.count {
                result.index = position
                result.requestID += "#\(position / template.count)"
            }
            result.startedAt = info.startedAt + Double(position) * 0.0001
            counts.add(result.outcome)
            try destination.append(runID: runID, result: result)
        }
        try destination.finishRun(runID: runID, status: .completed, counts: counts, endedAt: info.startedAt + Double(perRun) * 0.0001)
        storeSeconds += monotonicSeconds() - started
    }
    let total = arguments.runs * perRun
    let micros = storeSeconds * 1e6 / Double(total)
    return "{\"runs\": \(arguments.runs), \"results\": \(total), \"storeSeconds\": \(storeSeconds), \"microsPerResult\": \(micros)}"
}

let arguments = CommandLine.arguments.dropFirst()
do {
    guard arguments.first == "replay" else {
        throw UsageError(description: "usage: wb-store-bench replay --from SRC.db --run ID --to DEST.db --runs K [--per-run M] [--days D]")
    }
    print(try replay(try ReplayArguments(arguments.dropFirst())))
} catch {
    let message = Array("wb-store-bench: \(error)\n".utf8)
    _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}
