/// The CORS algorithm's decisions (profiles.md §3), as pure functions over headers.
enum CORSCheck {
    /// Methods that never need a preflight (after normalisation; compared case-sensitively).
    static let simpleMethods: Set<String> = ["GET", "HEAD", "POST"]

    /// Methods fetch upper-cases when given in any case; every other name is sent as written.
    static let normalizedMethods: Set<String> = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]

    /// Fetch's method normalisation.
    static func normalize(method: String) -> String {
        let upper = method.uppercased()
        return normalizedMethods.contains(upper) ? upper : method
    }

    /// Whether a cross-origin request needs a preflight.
    static func needsPreflight(method: String, unsafeHeaderNames: [String]) -> Bool {
        !simpleMethods.contains(method) || !unsafeHeaderNames.isEmpty
    }

    /// `Access-Control-Request-Headers`: the unsafe names, lower-cased, sorted, comma-separated (Chromium: no spaces).
    static func requestHeadersValue(_ unsafeHeaderNames: [String]) -> String? {
        unsafeHeaderNames.isEmpty ? nil : unsafeHeaderNames.joined(separator: ",")
    }

    /// Why a response fails the CORS check of `Access-Control-Allow-Origin`/`-Credentials`; `nil` when it passes.
    /// `origin` is the request's serialised origin (`null` once tainted).
    static func originCheckFailure(headers: [HeaderField], origin: String, credentialed: Bool) -> String? {
        let values = headers.values(for: "Access-Control-Allow-Origin")
        guard !values.isEmpty else { return "no Access-Control-Allow-Origin header" }
        guard values.count == 1 else {
            return "Access-Control-Allow-Origin has \(values.count) values ('\(values.joined(separator: ", "))'); exactly one is allowed"
        }
        let value = values[0]
        if value == "*" {
            if credentialed { return "Access-Control-Allow-Origin is '*', which a credentialed request (credentials mode include) cannot use" }
        } else if value != origin {
            return "Access-Control-Allow-Origin '\(value)' does not match the origin '\(origin)'"
        }
        if credentialed {
            let acac = headers.values(for: "Access-Control-Allow-Credentials")
            guard acac == ["true"] else {
                let shown = acac.isEmpty ? "absent" : "'\(acac.joined(separator: ", "))'"
                return "Access-Control-Allow-Credentials is \(shown); a credentialed request needs 'true'"
            }
        }
        return nil
    }

    /// Splits a header list value (`Access-Control-Allow-Methods`, `-Headers`, `-Expose-Headers`) leniently, as Chromium
    /// does: items trimmed, empty items skipped; several header lines are joined first.
    static func listItems(_ headers: [HeaderField], _ name: String) -> [String] {
        headers.values(for: name).flatMap { $0.split(separator: ",") }.map { $0.trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
    }

    /// The outcome of checking a preflight response.
    struct PreflightVerdict: Equatable {
        /// Why the preflight failed; `nil` when it passed.
        var failure: String?
        /// Notes worth an effect although the preflight passed (Chromium's `Authorization` leniency).
        var notes: [Effect] = []
        /// Methods the response allowed (case-sensitive), and whether `*` was among them.
        var allowedMethods: [String] = []
        /// Header names the response allowed, lower-cased (`*` kept as an item).
        var allowedHeaders: [String] = []
        /// The cache lifetime the response asked for (already capped), seconds.
        var maxAge: Double = 0
    }

    /// Checks a preflight response for a request of `method` with `unsafeHeaderNames` (§3.4).
    static func evaluatePreflight(status: Int, headers: [HeaderField], method: String, unsafeHeaderNames: [String],
                                  origin: String, credentialed: Bool, profile: Profile) -> PreflightVerdict {
        var verdict = PreflightVerdict()
        guard (200...299).contains(status) else {
            verdict.failure = "preflight answered \(status), not 2xx"
            return verdict
        }
        if let failure = originCheckFailure(headers: headers, origin: origin, credentialed: credentialed) {
            verdict.failure = "preflight: " + failure
            return verdict
        }
        let methods = listItems(headers, "Access-Control-Allow-Methods")
        let headerNames = listItems(headers, "Access-Control-Allow-Headers").map { $0.asciiLowercased() }
        verdict.allowedMethods = methods
        verdict.allowedHeaders = headerNames
        if !methods.contains(method) && !simpleMethods.contains(method) && (credentialed || !methods.contains("*")) {
            if methods.isEmpty {
                verdict.failure = "preflight answered without Access-Control-Allow-Methods, so \(method) is not allowed"
            } else if methods.contains("*") {
                verdict.failure = "Access-Control-Allow-Methods '*' does not cover \(method) for a credentialed request"
            } else if methods.contains(where: { $0.uppercased() == method.uppercased() }) {
                verdict.failure = "Access-Control-Allow-Methods '\(methods.joined(separator: ", "))' does not allow '\(method)' (method names match case-sensitively)"
            } else {
                verdict.failure = "Access-Control-Allow-Methods '\(methods.joined(separator: ", "))' does not allow \(method)"
            }
            return verdict
        }
        let wildcard = headerNames.contains("*") && !credentialed
        var missing: [String] = []
        for name in unsafeHeaderNames where !headerNames.contains(name) {
            if wildcard && name != "authorization" { continue }
            if wildcard && name == "authorization" && profile.wildcardCoversAuthorization {
                verdict.notes.append(Effect("cors-authorization-wildcard",
                    "Access-Control-Allow-Headers '*' let Authorization through, as Chromium does; the Fetch standard and other browsers (Firefox, Safari) refuse it"))
                continue
            }
            missing.append(name)
        }
        if !missing.isEmpty {
            if headerNames.isEmpty {
                verdict.failure = "preflight answered without Access-Control-Allow-Headers: \(missing.joined(separator: ", "))"
            } else if wildcard {
                verdict.failure = "Access-Control-Allow-Headers '*' does not cover \(missing.joined(separator: ", "))"
            } else {
                verdict.failure = "Access-Control-Allow-Headers '\(headerNames.joined(separator: ", "))' does not allow \(missing.joined(separator: ", "))"
            }
            return verdict
        }
        verdict.maxAge = maxAge(headers, profile: profile)
        return verdict
    }

    /// `Access-Control-Max-Age`, capped; the profile's default when absent or invalid.
    static func maxAge(_ headers: [HeaderField], profile: Profile) -> Double {
        guard let raw = headers.values(for: "Access-Control-Max-Age").first?.trimmingASCIIWhitespace(),
              !raw.isEmpty, raw.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return min(profile.preflightCacheDefault, profile.preflightCacheMax)
        }
        guard let seconds = Double(raw) else { return profile.preflightCacheMax }
        return min(seconds, profile.preflightCacheMax)
    }

    /// Response header names (lower-case) a CORS response exposes to scripts (§3.7), given `Access-Control-Expose-Headers`.
    static func exposedNames(_ headers: [HeaderField], credentialed: Bool) -> (names: Set<String>, all: Bool) {
        let listed = Set(listItems(headers, "Access-Control-Expose-Headers").map { $0.asciiLowercased() })
        if listed.contains("*") && !credentialed { return (CORSSafelist.exposedResponseHeaders, true) }
        return (CORSSafelist.exposedResponseHeaders.union(listed), false)
    }
}
