/// Profiles as JSON: the full resolved definition (stored with every run) and field-by-field overrides
/// (what a custom profile file says).
extension Profile {
    /// Every field a definition may set, in the order `definitionJSON` writes them.
    public static let definitionKeys: [String] = [
        "name", "description", "extends", "runtime", "context", "jspi", "syncAPI", "asyncAPI",
        "proxy", "tls", "connectionPool", "httpVersion",
        "cors", "forbiddenHeaders", "forbiddenHeadersFail", "userAgent", "forbiddenMethods", "normalizesMethods",
        "bufferRequestBody", "getHeadBodyFetch", "getHeadBodySyncXHR", "blocksMixedContent", "mixedContentExemptsLoopback",
        "httpxDefaultHeaders", "httpxUserAgent", "runtimeUserAgent", "runtimeAccept", "runtimeAcceptLanguage",
        "runtimeConnection", "origin", "pageOrigin", "sendsReferer", "refererPath", "secFetch", "clientHints", "clientHintsBrands",
        "clientHintsPlatform", "lowercasesHeaderNames",
        "visibleHeaders", "hidesSetCookie", "joinsRepeatedHeaders", "keepsSetCookieSeparate", "cookies", "redirects",
        "runtimeMaxRedirects", "redirectRewrite", "syncResponseStreaming", "asyncResponseStreaming", "compression",
        "runtimeAcceptEncoding", "identityEncodingWithRange", "doubleDecoding", "rewritesContentEncodingOnRunSync",
        "syncTimeouts", "asyncTimeouts", "timeoutCovers",
        "wildcardCoversAuthorization", "preflightCacheDefault", "preflightCacheMax",
        "errors",
    ]

    /// The full resolved definition: every field, so a stored run says exactly which rules applied.
    public var definitionJSON: JSONValue {
        var object = JSONObject()
        for key in Profile.definitionKeys {
            object[key] = value(forKey: key) ?? .null
        }
        return .object(object)
    }

    /// One field's value as JSON; `nil` for an unknown key.
    public func value(forKey key: String) -> JSONValue? {
        switch key {
        case "name": return .string(name)
        case "description": return .string(description)
        case "extends": return extends.map(JSONValue.string) ?? .null
        case "runtime": return .string(runtime.rawValue)
        case "context": return .string(context.rawValue)
        case "jspi": return .bool(jspi)
        case "syncAPI": return .string(syncAPI.rawValue)
        case "asyncAPI": return .string(asyncAPI.rawValue)
        case "proxy": return .string(proxy.rawValue)
        case "tls": return .string(tls.rawValue)
        case "connectionPool": return .string(connectionPool.rawValue)
        case "httpVersion": return .string(httpVersion.rawValue)
        case "cors": return .bool(cors)
        case "forbiddenHeaders": return .string(forbiddenHeaders.rawValue)
        case "forbiddenHeadersFail": return .bool(forbiddenHeadersFail)
        case "userAgent": return .string(userAgent.rawValue)
        case "forbiddenMethods": return .array(forbiddenMethods.map(JSONValue.string))
        case "normalizesMethods": return .bool(normalizesMethods)
        case "bufferRequestBody": return .bool(bufferRequestBody)
        case "getHeadBodyFetch": return .string(getHeadBodyFetch.rawValue)
        case "getHeadBodySyncXHR": return .string(getHeadBodySyncXHR.rawValue)
        case "blocksMixedContent": return .bool(blocksMixedContent)
        case "mixedContentExemptsLoopback": return .bool(mixedContentExemptsLoopback)
        case "httpxDefaultHeaders": return .bool(httpxDefaultHeaders)
        case "httpxUserAgent": return .string(httpxUserAgent)
        case "runtimeUserAgent": return runtimeUserAgent.map(JSONValue.string) ?? .null
        case "runtimeAccept": return runtimeAccept.map(JSONValue.string) ?? .null
        case "runtimeAcceptLanguage": return runtimeAcceptLanguage.map(JSONValue.string) ?? .null
        case "runtimeConnection": return runtimeConnection.map(JSONValue.string) ?? .null
        case "origin": return .string(origin.rawValue)
        case "pageOrigin": return pageOrigin.map(JSONValue.string) ?? .null
        case "sendsReferer": return .bool(sendsReferer)
        case "refererPath": return .string(refererPath)
        case "secFetch": return .string(secFetch.rawValue)
        case "clientHints": return .bool(clientHints)
        case "clientHintsBrands": return .string(clientHintsBrands)
        case "clientHintsPlatform": return .string(clientHintsPlatform)
        case "lowercasesHeaderNames": return .bool(lowercasesHeaderNames)
        case "visibleHeaders": return .string(visibleHeaders.rawValue)
        case "hidesSetCookie": return .bool(hidesSetCookie)
        case "joinsRepeatedHeaders": return .bool(joinsRepeatedHeaders)
        case "keepsSetCookieSeparate": return .bool(keepsSetCookieSeparate)
        case "cookies": return .string(cookies.rawValue)
        case "redirects": return .string(redirects.rawValue)
        case "runtimeMaxRedirects": return .number(Double(runtimeMaxRedirects))
        case "redirectRewrite": return .string(redirectRewrite.rawValue)
        case "syncResponseStreaming": return .bool(syncResponseStreaming)
        case "asyncResponseStreaming": return .bool(asyncResponseStreaming)
        case "compression": return .string(compression.rawValue)
        case "runtimeAcceptEncoding": return runtimeAcceptEncoding.map(JSONValue.string) ?? .null
        case "identityEncodingWithRange": return .bool(identityEncodingWithRange)
        case "doubleDecoding": return .bool(doubleDecoding)
        case "rewritesContentEncodingOnRunSync": return .bool(rewritesContentEncodingOnRunSync)
        case "syncTimeouts": return .string(syncTimeouts.rawValue)
        case "asyncTimeouts": return .string(asyncTimeouts.rawValue)
        case "timeoutCovers": return .string(timeoutCovers.rawValue)
        case "wildcardCoversAuthorization": return .bool(wildcardCoversAuthorization)
        case "preflightCacheDefault": return .number(preflightCacheDefault)
        case "preflightCacheMax": return .number(preflightCacheMax)
        case "errors": return .string(errors.rawValue)
        default: return nil
        }
    }

    /// Sets one field from JSON. Throws a sentence (without location) when the key is unknown or the value has the wrong shape.
    mutating func set(key: String, to value: JSONValue) throws(ProfileFieldError) {
        let d = ProfileFieldDecoder(key: key, value: value)
        switch key {
        case "name": name = try d.string()
        case "description": description = try d.string()
        case "extends": extends = try d.optionalString()
        case "runtime": runtime = try d.choice()
        case "context": context = try d.choice()
        case "jspi": jspi = try d.bool()
        case "syncAPI": syncAPI = try d.choice()
        case "asyncAPI": asyncAPI = try d.choice()
        case "proxy": proxy = try d.choice()
        case "tls": tls = try d.choice()
        case "connectionPool": connectionPool = try d.choice()
        case "httpVersion": httpVersion = try d.choice()
        case "cors": cors = try d.bool()
        case "forbiddenHeaders": forbiddenHeaders = try d.choice()
        case "forbiddenHeadersFail": forbiddenHeadersFail = try d.bool()
        case "userAgent": userAgent = try d.choice()
        case "forbiddenMethods": forbiddenMethods = try d.strings()
        case "normalizesMethods": normalizesMethods = try d.bool()
        case "bufferRequestBody": bufferRequestBody = try d.bool()
        case "getHeadBodyFetch": getHeadBodyFetch = try d.choice()
        case "getHeadBodySyncXHR": getHeadBodySyncXHR = try d.choice()
        case "blocksMixedContent": blocksMixedContent = try d.bool()
        case "mixedContentExemptsLoopback": mixedContentExemptsLoopback = try d.bool()
        case "httpxDefaultHeaders": httpxDefaultHeaders = try d.bool()
        case "httpxUserAgent": httpxUserAgent = try d.string()
        case "runtimeUserAgent": runtimeUserAgent = try d.optionalString()
        case "runtimeAccept": runtimeAccept = try d.optionalString()
        case "runtimeAcceptLanguage": runtimeAcceptLanguage = try d.optionalString()
        case "runtimeConnection": runtimeConnection = try d.optionalString()
        case "origin": origin = try d.choice()
        case "pageOrigin": pageOrigin = try d.optionalString()
        case "sendsReferer": sendsReferer = try d.bool()
        case "refererPath": refererPath = try d.string()
        case "secFetch": secFetch = try d.choice()
        case "clientHints": clientHints = try d.bool()
        case "clientHintsBrands": clientHintsBrands = try d.string()
        case "clientHintsPlatform": clientHintsPlatform = try d.string()
        case "lowercasesHeaderNames": lowercasesHeaderNames = try d.bool()
        case "visibleHeaders": visibleHeaders = try d.choice()
        case "hidesSetCookie": hidesSetCookie = try d.bool()
        case "joinsRepeatedHeaders": joinsRepeatedHeaders = try d.bool()
        case "keepsSetCookieSeparate": keepsSetCookieSeparate = try d.bool()
        case "cookies": cookies = try d.choice()
        case "redirects": redirects = try d.choice()
        case "runtimeMaxRedirects": runtimeMaxRedirects = try d.integer(in: 0...1000)
        case "redirectRewrite": redirectRewrite = try d.choice()
        case "syncResponseStreaming": syncResponseStreaming = try d.bool()
        case "asyncResponseStreaming": asyncResponseStreaming = try d.bool()
        case "compression": compression = try d.choice()
        case "runtimeAcceptEncoding": runtimeAcceptEncoding = try d.optionalString()
        case "identityEncodingWithRange": identityEncodingWithRange = try d.bool()
        case "doubleDecoding": doubleDecoding = try d.bool()
        case "rewritesContentEncodingOnRunSync": rewritesContentEncodingOnRunSync = try d.bool()
        case "syncTimeouts": syncTimeouts = try d.choice()
        case "asyncTimeouts": asyncTimeouts = try d.choice()
        case "timeoutCovers": timeoutCovers = try d.choice()
        case "wildcardCoversAuthorization": wildcardCoversAuthorization = try d.bool()
        case "preflightCacheDefault": preflightCacheDefault = try d.seconds()
        case "preflightCacheMax": preflightCacheMax = try d.seconds()
        case "errors": errors = try d.choice()
        default:
            var message = "unknown profile field '\(key)'"
            if let guess = ProfileNameMatcher.closest(to: key, among: Profile.definitionKeys) {
                message += "; did you mean '\(guess)'?"
            }
            throw ProfileFieldError(message: message)
        }
    }
}

/// Why one field of a profile definition was refused.
struct ProfileFieldError: Error {
    var message: String
}

/// Reads one field's JSON value with messages that name the field and the accepted shapes.
struct ProfileFieldDecoder {
    let key: String
    let value: JSONValue

    private func fail(_ expected: String) -> ProfileFieldError {
        ProfileFieldError(message: "profile field '\(key)' must be \(expected), not \(value.typeName)")
    }

    func bool() throws(ProfileFieldError) -> Bool {
        guard let b = value.boolValue else { throw fail("true or false") }
        return b
    }

    func string() throws(ProfileFieldError) -> String {
        guard let s = value.stringValue else { throw fail("a string") }
        return s
    }

    func optionalString() throws(ProfileFieldError) -> String? {
        if value == .null { return nil }
        guard let s = value.stringValue else { throw fail("a string or null") }
        return s
    }

    func strings() throws(ProfileFieldError) -> [String] {
        guard let items = value.arrayValue else { throw fail("an array of strings") }
        var out: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw fail("an array of strings") }
            out.append(s)
        }
        return out
    }

    func integer(in range: ClosedRange<Int>) throws(ProfileFieldError) -> Int {
        guard let n = value.numberValue, n == n.rounded(), n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
            throw ProfileFieldError(message: "profile field '\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(n)
    }

    func seconds() throws(ProfileFieldError) -> Double {
        guard let n = value.numberValue, n.isFinite, n >= 0 else {
            throw ProfileFieldError(message: "profile field '\(key)' must be a number of seconds, 0 or more")
        }
        return n
    }

    func choice<T: RawRepresentable & CaseIterable>() throws(ProfileFieldError) -> T where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        guard let s = value.stringValue else {
            throw ProfileFieldError(message: "profile field '\(key)' must be one of \(allowed.joined(separator: ", "))")
        }
        guard let v = T(rawValue: s) else {
            var message = "profile field '\(key)' cannot be '\(s)': use one of \(allowed.joined(separator: ", "))"
            if let guess = ProfileNameMatcher.closest(to: s, among: allowed) { message += " (did you mean '\(guess)'?)" }
            throw ProfileFieldError(message: message)
        }
        return v
    }
}
