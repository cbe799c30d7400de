/// RFC 6265 §5.2: one `Set-Cookie` header value as name, value and attributes (last one wins).
struct SetCookie: Equatable {
    var name: String
    var value: String
    /// `Expires`, parsed; `nil` when absent or not a date.
    var expires: Double?
    /// `Max-Age` in seconds; `nil` when absent or not a number.
    var maxAge: Int64?
    /// `Domain` without a leading dot, lowercased; `nil` when absent or empty.
    var domain: String?
    /// `Path` when it starts with `/`; `nil` otherwise (the default path applies).
    var path: String?
    var secure = false
    var httpOnly = false
    var sameSite: CookieSameSite?

    /// `nil` when the header has no `name=value` pair or the name is empty (the cookie is ignored).
    init?(_ header: String) {
        var pieces = header.split(separator: ";", omittingEmptySubsequences: false)[...]
        guard let pair = pieces.popFirst(), let equals = pair.firstIndex(of: "=") else { return nil }
        let name = Self.trimmed(pair[..<equals])
        guard !name.isEmpty else { return nil }
        self.name = name
        self.value = Self.trimmed(pair[pair.index(after: equals)...])
        for attribute in pieces {
            let equals = attribute.firstIndex(of: "=")
            let key = Self.trimmed(attribute[..<(equals ?? attribute.endIndex)]).lowercased()
            let value = equals.map { Self.trimmed(attribute[attribute.index(after: $0)...]) } ?? ""
            switch key {
            case "expires":
                if let date = CookieDate.parse(value) { expires = date }
            case "max-age":
                if let seconds = Self.maxAge(value) { maxAge = seconds }
            case "domain":
                // An empty Domain is ignored; a leading dot is dropped.
                if !value.isEmpty {
                    let stripped = value.hasPrefix(".") ? String(value.dropFirst()) : value
                    domain = stripped.lowercased()
                }
            case "path":
                path = value.hasPrefix("/") ? value : nil
            case "secure":
                secure = true
            case "httponly":
                httpOnly = true
            case "samesite":
                sameSite = CookieSameSite.allCases.first { $0.rawValue.lowercased() == value.lowercased() }
            default:
                break
            }
        }
    }

    /// `-`? DIGIT+; anything else is ignored. Clamped so that it cannot overflow.
    private static func maxAge(_ text: String) -> Int64? {
        var digits = Substring(text)
        let negative = digits.hasPrefix("-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let value = Int64(digits.prefix(15)) ?? 0
        let clamped = digits.count > 15 ? 999_999_999_999_999 : value
        return negative ? -clamped : clamped
    }

    private static func trimmed(_ text: Substring) -> String {
        var start = text.startIndex
        var end = text.endIndex
        while start < end, text[start] == " " || text[start] == "\t" { start = text.index(after: start) }
        while end > start, text[text.index(before: end)] == " " || text[text.index(before: end)] == "\t" {
            end = text.index(before: end)
        }
        return String(text[start..<end])
    }
}
