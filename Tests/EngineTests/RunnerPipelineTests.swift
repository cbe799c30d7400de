import Dispatch
import FixtureServer
import Testing
@testable import Engine

/// The runner's pipeline: a sequential run is one lane thread plus the delivering (calling) thread; `--jobs`
/// runs several lanes. Order, captures and `--bail` must be those of a plain loop.
@Suite struct RunnerPipelineTests {
    /// `count` requests, each capturing `n` from its own query and the next one sending it back as `prev`.
    private static func chain(_ count: Int, failAt: Int? = nil) -> String {
        var requests: [String] = []
        for i in 0..<count {
            let url = i == 0 ? "{{page}}/get?next=0" : "{{page}}/get?prev={{n}}&next=\(i)"
            var asserts = [#"{"status": \#(i == failAt ? 500 : 200)}"#]
            if i > 0 { asserts.append(#"{"jsonpath": "$.query.prev", "==": "\#(i - 1)"}"#) }
            requests.append(#"{"name": "r\#(i)", "url": "\#(url)", "assert": [\#(asserts.joined(separator: ", "))], "capture": {"n": {"jsonpath": "$.query.next"}}}"#)
        }
        return #"{"name": "chain", "server": "builtin", "requests": [\#(requests.joined(separator: ", "))]}"#
    }

    private static func run(_ text: String, jobs: Int, bail: Bool = false) throws -> [RequestResult] {
        let server = try FixtureServer.start(FixtureServerConfiguration())
        defer { server.stop() }
        let folder = try CollectionTestSupport.temporaryDirectory()
        let collection = try CollectionTestSupport.load(text, path: folder + "/chain.json")
        let profile = try #require(ProfileCatalog.named("native"))
        let plan = RunPlan(
            collection: collection, profile: profile, settings: RunSettings(mode: .sync, origin: nil),
            builtinVariables: ["base": server.baseURL, "page": server.pageURL], jobs: jobs, bail: bail)
        let runner = try Runner(plan: plan, cancellation: CancellationFlag())
        var results: [RequestResult] = []
        let outcome = runner.run { results.append($0) }
        #expect(outcome.status == .completed)
        return results
    }

    @Test(arguments: [1, 4])
    func capturesChainInCollectionOrder(jobs: Int) throws {
        let results = try Self.run(Self.chain(150), jobs: jobs)
        #expect(results.map(\.index) == Array(0..<150))
        let failed = results.filter { $0.outcome != .passed }.map { "\($0.name): \($0.expectationNote ?? $0.assertions.filter { !$0.passed }.map { "\($0.description): \($0.actual)" }.joined())" }
        #expect(failed.isEmpty, "\(failed.prefix(3))")
    }

    @Test func bailSkipsEverythingAfterTheFirstFailure() throws {
        let results = try Self.run(Self.chain(40, failAt: 10), jobs: 1, bail: true)
        #expect(results.count == 40)
        #expect(results[..<10].allSatisfy { $0.outcome == .passed })
        #expect(results[10].outcome == .failed)
        #expect(results[11...].allSatisfy { $0.outcome == .skipped })
    }

    @Test func aPollingWaiterSeesWhatIsPublishedWithoutAWakeUp() {
        let guarded = Guarded([Int]())
        DispatchQueue(label: "publisher").async {
            for i in 0..<500 { guarded.publish { (values: inout [Int]) in values.append(i); return ((), wake: false) } }
        }
        var seen: [Int] = []
        while seen.count < 500 {
            let taken: [Int] = guarded.wait(pollingEvery: 1) { values in
                if values.isEmpty { return nil }
                defer { values.removeAll() }
                return values
            }
            seen += taken
        }
        #expect(seen == Array(0..<500))
    }
}
