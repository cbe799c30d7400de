/// Reading an observed response's body as text or JSON, shared by assertions and captures.
enum ResponseBodyReader {
    /// The body as UTF-8 text; invalid sequences become U+FFFD.
    static func text(_ response: ObservedResponse) -> String {
        String(decoding: response.body, as: UTF8.self)
    }

    /// The body parsed as JSON, or a sentence saying why it is not JSON ("body is not JSON: …").
    static func json(_ response: ObservedResponse) -> Result<JSONValue, InputError> {
        do {
            return .success(try JSONParser.parse(response.body, file: "body"))
        } catch {
            var detail = error.message
            let prefix = "invalid JSON: "
            if detail.hasPrefix(prefix) { detail.removeFirst(prefix.count) }
            if let location = error.location {
                detail += " (line \(location.line), column \(location.column))"
            }
            if response.bodyTruncated {
                detail += "; only the first \(response.body.count) of \(response.bodySize) bytes were kept"
            }
            return .failure(InputError("body is not JSON: \(detail)"))
        }
    }
}
