import Engine

/// `--shard K/N` or `--shard auto`: which share of a collection's requests this process runs.
///
/// `K` is 1-based (`--shard 1/4` … `--shard 4/4`), as GitHub Actions matrices and GitLab's `CI_NODE_INDEX`
/// count. `auto` reads the variables CI systems give parallel jobs (docs/ci.md lists them).
enum ShardSpec: Equatable {
    case explicit(Shard)
    case auto

    /// Parses the value of `--shard`; the message of a failure says what a valid value looks like.
    static func parse(_ text: String) -> Result<ShardSpec, ShardError> {
        if text == "auto" { return .success(.auto) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let total = Int(parts[1]) else {
            return .failure(ShardError("--shard \(text): expected K/N (for example 2/4, K counted from 1) or auto"))
        }
        return validated(index: index, total: total, source: "--shard \(text)").map { .explicit($0) }
    }

    /// The shard this process runs: `nil` when `auto` finds no CI shard variables (the whole collection runs).
    func resolve(environment: [String: String], total: Int?) -> Result<ResolvedShard?, ShardError> {
        switch self {
        case .explicit(let shard):
            if total != nil { return .failure(ShardError("--shard-total is only used with --shard auto")) }
            return .success(ResolvedShard(shard: shard, source: nil))
        case .auto:
            return CIShardDetector.detect(environment: environment, total: total)
        }
    }

    /// A shard from an index (1-based) and a total, or the reason they do not make one.
    static func validated(index: Int, total: Int, source: String) -> Result<Shard, ShardError> {
        guard total >= 1, total <= maxTotal else {
            return .failure(ShardError("\(source): the shard count must be between 1 and \(maxTotal)"))
        }
        guard index >= 1, index <= total else {
            return .failure(ShardError("\(source): the shard index must be between 1 and \(total) (K is counted from 1)"))
        }
        return .success(Shard(index: index, total: total))
    }

    /// More shards than this is certainly a mistake (every shard starts a process).
    static let maxTotal = 10_000
}

/// A shard and where it came from (`GitLab CI_NODE_INDEX=2 CI_NODE_TOTAL=4`), for the note printed by `auto`.
struct ResolvedShard: Equatable {
    var shard: Shard
    /// The CI system and variables `auto` read; `nil` for an explicit `K/N`.
    var source: String?
}

/// A `--shard` value or CI variable that does not describe a shard.
struct ShardError: Error, Equatable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Reads the shard index and total that CI systems set for parallel jobs.
///
/// Checked in this order; the first system whose index variable is set wins:
/// - GitLab CI `parallel:` — `CI_NODE_INDEX` (1-based), `CI_NODE_TOTAL`
/// - CircleCI `parallelism:` — `CIRCLE_NODE_INDEX` (0-based), `CIRCLE_NODE_TOTAL`
/// - Buildkite `parallelism:` — `BUILDKITE_PARALLEL_JOB` (0-based), `BUILDKITE_PARALLEL_JOB_COUNT`
/// - Kubernetes Indexed Job — `JOB_COMPLETION_INDEX` (0-based); the total is `--shard-total N`
///   (the Job's `completions`), since Kubernetes does not expose it.
enum CIShardDetector {
    /// One CI system's variables.
    struct System {
        var name: String
        var indexVariable: String
        var totalVariable: String?
        /// The number the first job gets: 1 for GitLab, 0 for the others.
        var firstIndex: Int
    }

    static let systems: [System] = [
        System(name: "GitLab CI", indexVariable: "CI_NODE_INDEX", totalVariable: "CI_NODE_TOTAL", firstIndex: 1),
        System(name: "CircleCI", indexVariable: "CIRCLE_NODE_INDEX", totalVariable: "CIRCLE_NODE_TOTAL", firstIndex: 0),
        System(name: "Buildkite", indexVariable: "BUILDKITE_PARALLEL_JOB", totalVariable: "BUILDKITE_PARALLEL_JOB_COUNT",
               firstIndex: 0),
        System(name: "Kubernetes Indexed Job", indexVariable: "JOB_COMPLETION_INDEX", totalVariable: nil, firstIndex: 0),
    ]

    static func detect(environment: [String: String], total explicitTotal: Int?) -> Result<ResolvedShard?, ShardError> {
        for system in systems {
            guard let rawIndex = nonEmpty(environment[system.indexVariable]) else { continue }
            guard let index = Int(rawIndex) else {
                return .failure(ShardError("--shard auto: \(system.indexVariable)=\(rawIndex) (\(system.name)) is not a number"))
            }
            let total: Int
            var source = "\(system.name): \(system.indexVariable)=\(rawIndex)"
            if let totalVariable = system.totalVariable {
                if explicitTotal != nil {
                    return .failure(ShardError(
                        "--shard-total is only for Kubernetes Indexed Jobs; \(system.name) gives the total in \(totalVariable)"))
                }
                guard let rawTotal = nonEmpty(environment[totalVariable]) else {
                    return .failure(ShardError(
                        "--shard auto: \(system.name) sets \(system.indexVariable) but \(totalVariable) is not set; "
                            + "set it, or use --shard K/N"))
                }
                guard let parsed = Int(rawTotal) else {
                    return .failure(ShardError("--shard auto: \(totalVariable)=\(rawTotal) (\(system.name)) is not a number"))
                }
                total = parsed
                source += " \(totalVariable)=\(rawTotal)"
            } else {
                guard let explicitTotal else {
                    return .failure(ShardError(
                        "--shard auto: \(system.indexVariable) is set (\(system.name)) but Kubernetes does not give the "
                            + "number of shards; pass --shard-total N (the Job's completions)"))
                }
                total = explicitTotal
                source += " --shard-total \(explicitTotal)"
            }
            let oneBased = index - system.firstIndex + 1
            let checked = ShardSpec.validated(index: oneBased, total: total, source: "--shard auto (\(source))")
            return checked.map { ResolvedShard(shard: $0, source: source) }
        }
        if explicitTotal != nil {
            return .failure(ShardError("--shard-total was given but JOB_COMPLETION_INDEX is not set"))
        }
        return .success(nil)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingSpaceCharacters()
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    fileprivate func trimmingSpaceCharacters() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

/// The requests a shard records: every N-th request by collection index, the same round-robin share
/// `DependencyGraph.selection(for:count:)` starts from. Requests of other shards that a shard runs only
/// for their captures are not recorded, so the shards of one collection together record each request once.
struct ShardOwnership {
    private let shard: Shard?
    /// How many requests the shard records.
    let count: Int

    init(shard: Shard?, count total: Int) {
        self.shard = shard
        if let shard {
            count = total >= shard.index ? (total - shard.index) / shard.total + 1 : 0
        } else {
            count = total
        }
    }

    func contains(_ index: Int) -> Bool {
        guard let shard else { return true }
        return index % shard.total == shard.index - 1
    }
}
