/// What an assertion's subject turned out to be for one response.
enum AssertionSubjectValue {
    /// The subject does not exist (an absent header, no response); the reason, when there is one.
    case absent(String?)
    /// A JSONPath selected no node: absent, but its node count is 0.
    case noNodes(String)
    /// The subject could not be evaluated at all (body not JSON, invalid JSONPath).
    case failed(message: String, actual: String)
    case status(Int)
    /// A header value or the body text.
    case text(String)
    /// Milliseconds.
    case duration(Double)
    /// The one node a JSONPath selected.
    case json(JSONValue)
    /// The nodes of a JSONPath that selected more than one.
    case nodes([JSONValue])

    /// Why the subject is missing, when it is: the message to report on failure.
    var missing: (message: String?, actual: String)? {
        switch self {
        case .absent(let reason): return (reason, AssertionText.absent)
        case .noNodes(let reason): return (reason, AssertionText.absent)
        case .failed(let message, let actual): return (message, actual)
        default: return nil
        }
    }

    /// The subject as a JSON value, for equality and membership.
    var jsonValue: JSONValue? {
        switch self {
        case .status(let code): return .number(Double(code))
        case .text(let text): return .string(text)
        case .duration(let ms): return .number(ms)
        case .json(let value): return value
        case .nodes(let nodes): return .array(nodes)
        case .absent, .noNodes, .failed: return nil
        }
    }

    /// The JSON type name the `type` operator compares.
    var typeName: String {
        switch self {
        case .status, .duration: return "number"
        case .text: return "string"
        case .json(let value): return value.typeName
        case .nodes: return "array"
        case .absent, .noNodes, .failed: return AssertionText.absent
        }
    }

    /// A description of the subject's kind for error messages ("a string", "the status").
    var kindPhrase: String {
        switch self {
        case .status: return "a status code"
        case .text: return "a string"
        case .duration: return "a duration"
        case .json(let value): return AssertionText.article(value.typeName)
        case .nodes: return "a list of nodes"
        case .absent, .noNodes, .failed: return "nothing"
        }
    }
}

extension AssertionSubjectValue {
    /// Resolves a subject against a response. `body` is the body parsed as JSON, computed only when needed.
    static func resolve(_ subject: AssertionSubject, response: ObservedResponse?, durationMicros: Int64,
                        body: () -> Result<JSONValue, InputError>) -> AssertionSubjectValue {
        if case .duration = subject { return .duration(Double(durationMicros) / 1000) }
        guard let response else { return .absent("no response") }
        switch subject {
        case .status:
            return .status(response.status)
        case .header(let name):
            guard let value = response.headers.joinedValue(for: name) else { return .absent(nil) }
            return .text(value)
        case .body:
            return .text(ResponseBodyReader.text(response))
        case .jsonPath(let text):
            let path: JSONPath
            do {
                path = try JSONPath.compile(text)
            } catch {
                return .failed(message: error.message, actual: AssertionText.absent)
            }
            switch body() {
            case .failure(let error):
                return .failed(message: error.message, actual: AssertionText.truncated(ResponseBodyReader.text(response)))
            case .success(let json):
                let nodes = path.query(json)
                switch nodes.count {
                case 0: return .noNodes("jsonpath \(text) selected nothing")
                case 1: return .json(nodes[0])
                default: return .nodes(nodes)
                }
            }
        case .duration:
            return .duration(Double(durationMicros) / 1000)
        }
    }
}
