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

    /// Repeated lines joined as a fetch `Headers` object / `getAllResponseHeaders()` shows them: names
    /// lower-cased and sorted, the values of one name joined with `, ` in the order they came (Swift's sort is
    /// stable), `Set-Cookie` lines left apart when the runtime keeps them so. `joined` lists each name whose lines
    /// were joined, with their values, in name order.
    static func joinedHeaders(_ headers: [HeaderField], keepSetCookieSeparate: Bool)
        -> (headers: [HeaderField], joined: [(name: String, values: [String])]) {
        var lowered = headers.map { HeaderField($0.name.asciiLowercased(), $0.value) }
        lowered.sort { $0.name < $1.name }
        var out: [HeaderField] = []
        out.reserveCapacity(lowered.count)
        var joined: [(name: String, values: [String])] = []
        var start = 0
        while start < lowered.count {
            let name = lowered[start].name
            var end = start + 1
            while end < lowered.count, lowered[end].name == name { end += 1 }
            if end - start == 1 || (keepSetCookieSeparate && name == "set-cookie") {
                out.append(contentsOf: lowered[start..<end])
            } else {
                let values = lowered[start..<end].map(\.value)
                joined.append((name, values))
                out.append(HeaderField(name, values.joined(separator: ", ")))
            }
            start = end
        }
        return (out, joined)
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
        if profile.joinsRepeatedHeaders {
            let result = joinedHeaders(headers, keepSetCookieSeparate: profile.keepsSetCookieSeparate)
            for (name, values) in result.joined {
                effects.append(Effect("headers-joined", "\(values.count) \(name) lines joined into one value: \(values.joined(separator: ", "))"))
            }
            headers = result.headers
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
