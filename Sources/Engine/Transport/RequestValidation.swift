/// Checks a `WireRequest` before anything is sent: nothing that could split or smuggle a request
/// (CR, LF, NUL, a bad header name, a method that is not a token) reaches the wire.
enum RequestValidation {
    /// The reason the request cannot be sent, or `nil` when it is well formed.
    static func problem(in request: WireRequest) -> String? {
        if request.method.isEmpty || !request.method.utf8.allSatisfy(isTokenByte) {
            return "method \(quoted(request.method)) is not an HTTP token"
        }
        if request.url.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) {
            return "URL contains whitespace or a control character"
        }
        for field in request.headers {
            if let problem = headerProblem(field) { return problem }
        }
        if case .multipart(let parts) = request.body {
            for part in parts {
                if let problem = partProblem(part) { return problem }
            }
        }
        return nil
    }

    /// Why a header cannot be sent: a name that is empty or holds ':', whitespace or a control
    /// character; a value with CR, LF or NUL.
    static func headerProblem(_ field: HeaderField) -> String? {
        if field.name.isEmpty { return "a header has an empty name" }
        if field.name.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: ":") }) {
            return "header name \(quoted(field.name)) contains ':', whitespace or a control character"
        }
        if field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
            return "header \(field.name) has CR, LF or NUL in its value"
        }
        return nil
    }

    private static func partProblem(_ part: WirePart) -> String? {
        let texts = [part.name, part.filename ?? "", part.contentType ?? ""]
        if texts.contains(where: { $0.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) }) {
            return "multipart part \(quoted(part.name)) has CR, LF or NUL in its name, filename or content type"
        }
        return nil
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case "\0": out += "\\0"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
