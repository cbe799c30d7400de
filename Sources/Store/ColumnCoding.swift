import Engine

/// How the model's nested values are written to, and read from, the JSON text columns.
///
/// Shapes (see docs/storage.md): headers are `[[name, value], …]` in order; effects `{"code","message"}`;
/// assertions `{"description","passed","expected","actual","message"?}`; captures
/// `{"name","value"?,"secret","error"?}` (an absent `value` is "nothing captured", `null` is a captured null);
/// the observed response `{"url","httpVersion","status","headers","bodySize","bodySHA256","bodyTruncated","bodyKept"}`.
enum ColumnCoding {
    // MARK: Writing

    static func headers(_ fields: [HeaderField]) -> JSONValue {
        .array(fields.map { .array([.string($0.name), .string($0.value)]) })
    }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    // The text of each column, written straight from the model (byte for byte what serialising the
    // `JSONValue` shapes above writes, without building the tree: this runs for every stored result).

    static func headersText(_ fields: [HeaderField]) -> String {
        var w = JSONTextWriter(capacity: 32 + fields.count * 48)
        writeHeaders(fields, to: &w)
        return w.text
    }

    static func stringsText(_ values: [String]) -> String {
        arrayText(values, bytesEach: 24) { value, w in w.string(value) }
    }

    static func effectsText(_ effects: [Effect]) -> String {
        arrayText(effects, bytesEach: 96) { effect, w in
            w.raw("{\"code\":")
            w.string(effect.code)
            w.raw(",\"message\":")
            w.string(effect.message)
            w.raw("}")
        }
    }

    static func assertionsText(_ assertions: [AssertionResult]) -> String {
        arrayText(assertions, bytesEach: 96) { assertion, w in
            w.raw("{\"description\":")
            w.string(assertion.description)
            w.raw(",\"passed\":")
            w.bool(assertion.passed)
            w.raw(",\"expected\":")
            w.string(assertion.expected)
            w.raw(",\"actual\":")
            w.string(assertion.actual)
            if let message = assertion.message {
                w.raw(",\"message\":")
                w.string(message)
            }
            w.raw("}")
        }
    }

    static func capturesText(_ captures: [CaptureResult]) -> String {
        arrayText(captures, bytesEach: 64) { capture, w in
            w.raw("{\"name\":")
            w.string(capture.name)
            if let value = capture.value {
                w.raw(",\"value\":")
                w.value(value)
            }
            w.raw(",\"secret\":")
            w.bool(capture.secret)
            if let error = capture.error {
                w.raw(",\"error\":")
                w.string(error)
            }
            w.raw("}")
        }
    }

    /// `[e1,e2,…]`, each element written by `element`; `[]` without allocating a writer.
    private static func arrayText<T>(_ items: [T], bytesEach: Int, _ element: (T, inout JSONTextWriter) -> Void) -> String {
        if items.isEmpty { return "[]" }
        var w = JSONTextWriter(capacity: items.count * bytesEach)
        w.raw("[")
        for (i, item) in items.enumerated() {
            if i > 0 { w.raw(",") }
            element(item, &w)
        }
        w.raw("]")
        return w.text
    }

    static func observedText(_ response: ObservedResponse) -> String {
        var w = JSONTextWriter(capacity: 256 + response.headers.count * 48)
        w.raw("{\"url\":")
        w.string(response.url)
        w.raw(",\"httpVersion\":")
        w.string(response.httpVersion)
        w.raw(",\"status\":")
        w.int(response.status)
        w.raw(",\"headers\":")
        writeHeaders(response.headers, to: &w)
        w.raw(",\"bodySize\":")
        w.number(Double(response.bodySize))
        w.raw(",\"bodySHA256\":")
        w.string(response.bodySHA256)
        w.raw(",\"bodyTruncated\":")
        w.bool(response.bodyTruncated)
        w.raw(",\"bodyKept\":")
        w.int(response.body.count)
        w.raw("}")
        return w.text
    }

    private static func writeHeaders(_ fields: [HeaderField], to w: inout JSONTextWriter) {
        w.raw("[")
        for (i, field) in fields.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("[")
            w.string(field.name)
            w.raw(",")
            w.string(field.value)
            w.raw("]")
        }
        w.raw("]")
    }

    // The `JSONValue` shapes, kept as the reference the writers above must match (tests compare them).

    static func effects(_ effects: [Effect]) -> JSONValue {
        .array(effects.map { .object(JSONObject([("code", .string($0.code)), ("message", .string($0.message))])) })
    }

    static func assertions(_ assertions: [AssertionResult]) -> JSONValue {
        .array(assertions.map { assertion in
            var object = JSONObject([
                ("description", .string(assertion.description)),
                ("passed", .bool(assertion.passed)),
                ("expected", .string(assertion.expected)),
                ("actual", .string(assertion.actual)),
            ])
            if let message = assertion.message { object["message"] = .string(message) }
            return .object(object)
        })
    }

    static func captures(_ captures: [CaptureResult]) -> JSONValue {
        .array(captures.map { capture in
            var object = JSONObject([("name", .string(capture.name))])
            if let value = capture.value { object["value"] = value }
            object["secret"] = .bool(capture.secret)
            if let error = capture.error { object["error"] = .string(error) }
            return .object(object)
        })
    }

    static func observed(_ response: ObservedResponse) -> JSONValue {
        .object(JSONObject([
            ("url", .string(response.url)),
            ("httpVersion", .string(response.httpVersion)),
            ("status", .number(Double(response.status))),
            ("headers", headers(response.headers)),
            ("bodySize", .number(Double(response.bodySize))),
            ("bodySHA256", .string(response.bodySHA256)),
            ("bodyTruncated", .bool(response.bodyTruncated)),
            ("bodyKept", .number(Double(response.body.count))),
        ]))
    }

    // MARK: Reading

    static func parse(_ text: String) throws(JSONColumnError) -> JSONValue {
        do {
            return try JSONParser.parse(Array(text.utf8), file: "<column>")
        } catch {
            throw JSONColumnError(message: error.message)
        }
    }

    static func headers(_ value: JSONValue) throws(JSONColumnError) -> [HeaderField] {
        var fields: [HeaderField] = []
        for item in try array(value, "headers") {
            guard case .array(let pair) = item, pair.count == 2,
                  case .string(let name) = pair[0], case .string(let text) = pair[1] else {
                throw JSONColumnError(message: "a header is not a [name, value] pair of strings")
            }
            fields.append(HeaderField(name, text))
        }
        return fields
    }

    static func strings(_ value: JSONValue) throws(JSONColumnError) -> [String] {
        var output: [String] = []
        for item in try array(value, "group path") {
            guard case .string(let text) = item else { throw JSONColumnError(message: "group path holds a non-string") }
            output.append(text)
        }
        return output
    }

    static func effects(_ value: JSONValue) throws(JSONColumnError) -> [Effect] {
        var output: [Effect] = []
        for item in try array(value, "effects") {
            let fields = try Fields(item, "effect")
            output.append(Effect(try fields.string("code"), try fields.string("message")))
        }
        return output
    }

    static func assertions(_ value: JSONValue) throws(JSONColumnError) -> [AssertionResult] {
        var output: [AssertionResult] = []
        for item in try array(value, "assertions") {
            let fields = try Fields(item, "assertion")
            output.append(AssertionResult(description: try fields.string("description"), passed: try fields.bool("passed"),
                                          expected: try fields.string("expected"), actual: try fields.string("actual"),
                                          message: try fields.optionalString("message")))
        }
        return output
    }

    static func captures(_ value: JSONValue) throws(JSONColumnError) -> [CaptureResult] {
        var output: [CaptureResult] = []
        for item in try array(value, "captures") {
            let fields = try Fields(item, "capture")
            output.append(CaptureResult(name: try fields.string("name"), value: fields.object["value"],
                                        secret: try fields.bool("secret"), error: try fields.optionalString("error")))
        }
        return output
    }

    /// The observed response without its body, plus how many body bytes were kept.
    static func observed(_ value: JSONValue) throws(JSONColumnError) -> (response: ObservedResponse, kept: Int) {
        let fields = try Fields(value, "observed response")
        let response = ObservedResponse(
            url: try fields.string("url"), httpVersion: try fields.string("httpVersion"), status: try fields.int("status"),
            headers: try headers(fields.value("headers")), bodySize: Int64(try fields.int("bodySize")),
            bodySHA256: try fields.string("bodySHA256"), body: [], bodyTruncated: try fields.bool("bodyTruncated"))
        return (response, try fields.int("bodyKept"))
    }

    private static func array(_ value: JSONValue, _ what: String) throws(JSONColumnError) -> [JSONValue] {
        guard case .array(let items) = value else { throw JSONColumnError(message: "\(what) is not an array") }
        return items
    }

    /// Typed access to the members of one stored object.
    private struct Fields {
        let object: JSONObject
        let what: String

        init(_ value: JSONValue, _ what: String) throws(JSONColumnError) {
            guard case .object(let object) = value else { throw JSONColumnError(message: "\(what) is not an object") }
            self.object = object
            self.what = what
        }

        func value(_ key: String) throws(JSONColumnError) -> JSONValue {
            guard let value = object[key] else { throw JSONColumnError(message: "\(what) has no '\(key)'") }
            return value
        }

        func string(_ key: String) throws(JSONColumnError) -> String {
            guard case .string(let text) = try value(key) else { throw mistyped(key, "a string") }
            return text
        }

        func optionalString(_ key: String) throws(JSONColumnError) -> String? {
            guard object[key] != nil else { return nil }
            return try string(key)
        }

        func bool(_ key: String) throws(JSONColumnError) -> Bool {
            guard case .bool(let flag) = try value(key) else { throw mistyped(key, "a boolean") }
            return flag
        }

        func int(_ key: String) throws(JSONColumnError) -> Int {
            guard case .number(let number) = try value(key), let integer = Int(exactly: number) else {
                throw mistyped(key, "an integer")
            }
            return integer
        }

        private func mistyped(_ key: String, _ type: String) -> JSONColumnError {
            JSONColumnError(message: "\(what) '\(key)' is not \(type)")
        }
    }
}
