import Engine
import FuzzSupport

/// Fuzz target: the profile pipeline without a network. The bytes decode deterministically into a profile,
/// run settings and a request spec (method, URL, headers with forbidden and CORS-relevant names, body,
/// options), then into the answers of a scripted `HopSender` (statuses, redirects, CORS and cookie headers,
/// transport errors). `RequestExecutor` runs the gate, preflights, the CORS checks, redirects and the
/// response filter over them. Crash-free is the target; one invariant is checked too: a request reported
/// as "sent nothing" put nothing on the wire.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfileGate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let profile = input.pick(ProfileCatalog.builtIns)
    let settings = ExecutionSettings(
        profile: profile,
        settings: RunSettings(mode: input.pick(ClientMode.allCases),
                              origin: input.bool() ? nil : input.token(FuzzVocabulary.origins),
                              credentials: input.pick(CredentialsMode.allCases),
                              crossOriginIsolated: input.bool(), strict: input.bool()),
        bodyCaptureLimit: input.int(in: 0...64), maxBodyBytes: input.bool() ? nil : Int64(input.int(in: 0...100)),
        mainThreadSafetyLimit: Double(input.int(in: 0...200)))
    // Fixed clocks: the same bytes always take the same path (no timeout depends on the machine's speed).
    let state = ProfileRunState(monotonic: { 1000 }, wall: { 1_700_000_000 })
    // Two requests on one state, so the preflight cache and the cookie jar carry over.
    for _ in 0..<2 {
        let spec = FuzzRequestSpec.decode(&input)
        let sender = FuzzSender(answers: FuzzInput(bytes: input.data(maxCount: 255)))
        let execution = RequestExecutor.execute(spec, settings: settings, state: state, sender: sender)
        if execution.sentNothing && sender.calls > 0 {
            fatalError("executor reported sentNothing after \(sender.calls) hop(s)")
        }
        if input.isAtEnd { break }
    }
    return 0
}
