/// The header effects of a request shape, computed once per run: the effect sentences depend only on
/// the runtime's name, what native httpx would send, what the gate displaced and the first hop's wire headers, and a
/// collection repeats the same shapes thousands of times. Reusing the computed array also lets every
/// result share the same strings.
struct HeaderEffectsKey: Hashable {
    /// The runtime's name in the sentences (`ProfileGate.runtimeName`): the only part of the profile they use.
    var runtime: String
    var native: [HeaderField]
    var displaced: [ProfileGate.Displaced]
    var wire: [HeaderField]

    static func == (a: HeaderEffectsKey, b: HeaderEffectsKey) -> Bool {
        a.runtime == b.runtime && a.native == b.native && a.wire == b.wire && a.displaced == b.displaced
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(runtime)
        hasher.combine(native)
        hasher.combine(wire)
        hasher.combine(displaced.count)
        for d in displaced {
            hasher.combine(d.name)
            hasher.combine(d.value)
            hasher.combine(d.reason)
        }
    }
}

/// A bounded map from request shape to its header effects (cleared when full: shapes beyond the bound are
/// recomputed, never wrong).
struct HeaderEffectsCache {
    static let capacity = 256
    private var entries: [HeaderEffectsKey: [Effect]] = [:]

    func effects(for key: HeaderEffectsKey) -> [Effect]? { entries[key] }

    mutating func store(_ effects: [Effect], for key: HeaderEffectsKey) {
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = effects
    }
}

/// Parsed URLs by their text, bounded like `HeaderEffectsCache`: the page origin is parsed on every request and
/// a collection sends to the same few URLs, so each text is parsed once per run.
struct WebURLCache {
    static let capacity = 256
    private var entries: [String: WebURL?] = [:]

    func lookup(_ text: String) -> WebURL?? { entries[text] }

    mutating func store(_ url: WebURL?, for text: String) {
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[text] = .some(url)
    }
}
