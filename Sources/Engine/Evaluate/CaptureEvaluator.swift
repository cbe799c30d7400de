/// Takes values from a response into variables: the first JSONPath node (typed), a header's joined value,
/// a regular expression group over the body text, or the status code.
///
/// A failed capture sets `error` to a sentence. Secret captures keep their real value (the runner needs it)
/// and are marked `secret: true`; redaction happens before storage and display.
public enum CaptureEvaluator {
    /// Evaluates one capture. `parsedBody` is the body already parsed as JSON; `nil` parses it here when needed.
    public static func capture(_ capture: Capture, response: ObservedResponse?, parsedBody: JSONValue?) -> CaptureResult {
        switch value(capture.source, response: response, parsedBody: parsedBody) {
        case .success(let value):
            return CaptureResult(name: capture.name, value: value, secret: capture.secret)
        case .failure(let problem):
            return CaptureResult(name: capture.name, value: nil, secret: capture.secret, error: problem.message)
        }
    }

    private static func value(_ source: CaptureSource, response: ObservedResponse?,
                              parsedBody: JSONValue?) -> Result<JSONValue, InputError> {
        guard let response else { return .failure(InputError("there is no response to capture from")) }
        switch source {
        case .status:
            return .success(.number(Double(response.status)))
        case .header(let name):
            guard let value = response.headers.joinedValue(for: name) else {
                return .failure(InputError("header \(name) is absent"))
            }
            return .success(.string(value))
        case .jsonPath(let text):
            let path: JSONPath
            do {
                path = try JSONPath.compile(text)
            } catch {
                return .failure(error)
            }
            let json: JSONValue
            if let parsedBody {
                json = parsedBody
            } else {
                switch ResponseBodyReader.json(response) {
                case .success(let parsed): json = parsed
                case .failure(let error): return .failure(error)
                }
            }
            guard let first = path.query(json).first else {
                return .failure(InputError("jsonpath \(text) selected nothing"))
            }
            return .success(first)
        case .regex(let pattern, let group):
            return regexGroup(pattern, group: group, in: ResponseBodyReader.text(response))
        }
    }

    private static func regexGroup(_ pattern: String, group: Int, in text: String) -> Result<JSONValue, InputError> {
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(pattern)
        } catch {
            return .failure(InputError("invalid regular expression \(pattern): \(error)"))
        }
        guard let match = text.firstMatch(of: regex) else {
            return .failure(InputError("regex \(pattern) did not match the body"))
        }
        let groups = match.output.count - 1
        guard group >= 0, group <= groups else {
            let has = groups == 1 ? "1 group" : "\(groups) groups"
            return .failure(InputError("regex \(pattern) has no group \(group) (it has \(has))"))
        }
        guard let substring = match.output[group].substring else {
            return .failure(InputError("group \(group) of regex \(pattern) did not take part in the match"))
        }
        return .success(.string(String(substring)))
    }
}
