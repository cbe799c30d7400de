/// The last pure step: the final response as Python sees it under a profile (visible headers, joined
/// headers, decoded bodies and the double-decoding quirk), with an effect for every difference.
enum ProfileResponseFilter {
    struct Outcome {
        var observed: ObservedResponse?
        var python: PythonError?
        var effects: [Effect]
    }

    /// Statuses whose response has no body in fetch and XMLHttpRequest.
    static let nullBodyStatuses: Set<Int> = [101, 103, 204, 205, 304]

    /// SHA-256 of no bytes.
    static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Encodings httpx decodes itself (brotli and zstandard are not installed in Pyodide by default).
    static let httpxDecodedEncodings: Set<String> = ["gzip", "x-gzip", "deflate"]

    /// The headers lower-cased and sorted by name as the joining step below would leave them, when no name
    /// repeats (`Set-Cookie` aside when the runtime keeps it apart); nil when some name does, so lines must be
    /// joined. The usual response has no repeated name, and this skips the joining step's dictionary.
    static func singleLineHeaders(_ headers: [HeaderField], keepSetCookieSeparate: Bool) -> [HeaderField]? {
        var lowered: [HeaderField] = []
        lowered.reserveCapacity(headers.count)
        for header in headers {
            let name = header.name.asciiLowercased()
            let kept = keepSetCookieSeparate && name == "set-cookie"
            if !kept, lowered.contains(where: { $0.name == name }) { return nil }
            lowered.append(HeaderField(name, header.value))
        }
        // Swift's sort is stable: Set-Cookie lines keep their order, as after the joining step.
        lowered.sort { $0.name < $1.name }
        return lowered
    }

    static func observe(_ response: ReceivedResponse, url: String, corsTainted: Bool, credentialed: Bool,
                        profile: Profile, api: Profile.ClientAPI) -> Outcome {
        var effects: [Effect] = []
        var headers = response.headers

        // Visibility.
        var hidden: [String] = []
        if profile.visibleHeaders == .cors && corsTainted {
            let exposed = CORSCheck.exposedNames(response.headers, credentialed: credentialed)
            headers = headers.filter { h in
                let lower = h.name.asciiLowercased()
                if lower == "set-cookie" || lower == "set-cookie2" { return false }
                if exposed.all || exposed.names.contains(lower) { return true }
                if !hidden.contains(where: { $0.asciiLowercased() == lower }) { hidden.append(h.name) }
                return false
            }
            for name in hidden {
                effects.append(Effect("cors-header-hidden", "\(name) (cross-origin, not listed in Access-Control-Expose-Headers)"))
            }
        }
        if profile.hidesSetCookie {
            let before = headers.count
            headers.removeAll { ["set-cookie", "set-cookie2"].contains($0.name.asciiLowercased()) }
            if headers.count != before || response.headers.contains(name: "Set-Cookie") {
                effects.append(Effect("header-hidden", "Set-Cookie (never visible to scripts in a browser)"))
            }
        }

        // Joining repeated lines, as a fetch Headers object / getAllResponseHeaders() does (lower-case, sorted).
        if profile.joinsRepeatedHeaders, let single = singleLineHeaders(headers, keepSetCookieSeparate: profile.keepsSetCookieSeparate) {
            // Every name appears once (Set-Cookie aside when kept apart): nothing to join, only lower-case and sort.
            headers = single
        } else if profile.joinsRepeatedHeaders {
            var order: [String] = []
            var values: [String: [String]] = [:]
            var setCookies: [HeaderField] = []
            for h in headers {
                let lower = h.name.asciiLowercased()
                if lower == "set-cookie" && profile.keepsSetCookieSeparate {
                    setCookies.append(HeaderField(lower, h.value))
                    continue
                }
                if values[lower] == nil { order.append(lower) }
                values[lower, default: []].append(h.value)
            }
            var joined: [HeaderField] = []
            for name in order.sorted() {
                let all = values[name] ?? []
                if all.count > 1 {
                    effects.append(Effect("headers-joined", "\(all.count) \(name) lines joined into one value: \(all.joined(separator: ", "))"))
                }
                joined.append(HeaderField(name, all.joined(separator: ", ")))
            }
            headers = joined + setCookies
            headers.sort { $0.name < $1.name }
        }

        var observed = ObservedResponse(url: url, httpVersion: response.httpVersion, status: response.status, headers: headers,
                                        bodySize: response.bodySize, bodySHA256: response.bodySHA256, body: response.body,
                                        bodyTruncated: response.bodyTruncated)

        // A null-body status: fetch and XMLHttpRequest give scripts an empty body whatever the server sent
        // (observed: 205 with a body, Chromium 156 and node 20, conformance case b03).
        if profile.runtime != .native && nullBodyStatuses.contains(response.status) && response.bodySize > 0 {
            effects.append(Effect("response-body-dropped", "the \(response.status) response's \(response.bodySize)-byte body is not given to scripts (\(response.status) is a null-body status in fetch and XMLHttpRequest)"))
            observed.body = []
            observed.bodySize = 0
            observed.bodySHA256 = emptySHA256
            observed.bodyTruncated = false
        }

        // Compression.
        let encodings = response.headers.values(for: "Content-Encoding").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingASCIIWhitespace().asciiLowercased() }.filter { !$0.isEmpty && $0 != "identity" }
        if profile.compression != .asRequested && !encodings.isEmpty {
            effects.append(Effect("content-decoded", "the \(encodings.joined(separator: ", ")) body was decoded by \(ProfileGate.runtimeName(profile)), which chose Accept-Encoding itself"))
            let visibleCE = headers.contains(name: "Content-Encoding")
            if !visibleCE, let length = headers.values(for: "Content-Length").first, Int64(length) != response.bodySize {
                effects.append(Effect("content-length-mismatch", "Content-Length \(length) is the encoded size; the decoded body Python gets has \(response.bodySize) bytes"))
            }
            if visibleCE {
                if api == .fetchRunSync && profile.rewritesContentEncodingOnRunSync {
                    observed.headers = headers.map { $0.name.asciiLowercased() == "content-encoding" ? HeaderField($0.name, "identity") : $0 }
                    effects.append(Effect("content-encoding-rewritten", "the fetch+run_sync path rewrites content-encoding to identity because fetch already decoded the body"))
                } else if profile.doubleDecoding && encodings.contains(where: httpxDecodedEncodings.contains) {
                    effects.append(Effect("double-decoding", "Content-Encoding: \(encodings.joined(separator: ", ")) stays visible beside a body \(ProfileGate.runtimeName(profile)) already decoded; httpx decodes it again and raises DecodingError"))
                    let message = encodings.contains("deflate") && !encodings.contains(where: { $0.hasSuffix("gzip") })
                        ? "Error -3 while decompressing data: invalid stored block lengths"
                        : "Error -3 while decompressing data: incorrect header check"
                    return Outcome(observed: nil, python: PythonError(type: "httpx.DecodingError", message: message), effects: effects)
                }
            }
        }

        return Outcome(observed: observed, python: nil, effects: effects)
    }
}
