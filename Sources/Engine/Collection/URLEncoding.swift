/// Percent-encoding as httpx does it: query parameters keep only unreserved characters
/// (`A–Z a–z 0–9 - . _ ~`, spaces as `%20`); form fields the same with spaces as `+`; a URL keeps what it
/// has and gains escapes only for bytes that cannot appear in a URL.
enum URLEncoding {
    /// Upper-case hex digits as bytes, for `%XX` escapes.
    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    static func isUnreserved(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
    }

    private static func escape(_ b: UInt8, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "%"))
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0x0F)])
    }

    /// `text`'s UTF-8 bytes: those `keep` accepts as they are, a space as `+` when `spaceAsPlus`, every other
    /// byte as `%XX`.
    private static func encode(_ text: String, spaceAsPlus: Bool = false, keep: (UInt8) -> Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            if keep(b) {
                out.append(b)
            } else if spaceAsPlus && b == 0x20 {
                out.append(UInt8(ascii: "+"))
            } else {
                escape(b, into: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A query name or value: everything but unreserved characters escaped.
    static func encodeComponent(_ text: String) -> String {
        encode(text, keep: isUnreserved)
    }

    /// An `application/x-www-form-urlencoded` name or value (Python's `quote_plus`).
    static func encodeFormComponent(_ text: String) -> String {
        encode(text, spaceAsPlus: true, keep: isUnreserved)
    }

    /// A value placed inside a path segment: everything but unreserved characters and the sub-delimiters
    /// and `:` `@` that RFC 3986 allows in a segment is escaped, so `/`, `?`, `#`, `%`, spaces and line
    /// breaks cannot end the segment (`a/../b` → `a%2F..%2Fb`, `%2F` → `%252F`).
    static func encodePathSegment(_ text: String) -> String {
        encode(text) { isUnreserved($0) || "!$&'()*+,=:@".utf8.contains($0) }
    }

    /// `a=1&b=2` form body text.
    static func formEncode(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { encodeFormComponent($0.name) + "=" + encodeFormComponent($0.value) }.joined(separator: "&")
    }

    /// Escapes what cannot stand in a URL (spaces, controls, non-ASCII, `"<>\^`{|}`, a `%` not starting an escape).
    /// A URL with nothing to escape (the usual case) is returned as it is, without copying.
    static func normalize(_ url: String) -> String {
        var text = url
        let escaped = text.withUTF8 { bytes -> String? in
            guard let first = firstToEscape(in: bytes) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            for i in first..<bytes.count {
                let b = bytes[i]
                if needsEscape(bytes, at: i) {
                    escape(b, into: &out)
                } else {
                    out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? url
    }

    /// The index of the first byte `normalize` escapes, or nil.
    private static func firstToEscape(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < bytes.count {
            if needsEscape(bytes, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// Whether `normalize` escapes the byte at `i`: a space, a control, non-ASCII, one of `"<>\^`{|}`, or
    /// a `%` that does not start an escape.
    private static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = bytes[i]
        if b == UInt8(ascii: "%") {
            return !(i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2]))
        }
        if b <= 0x20 || b >= 0x7F { return true }
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
             UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    /// The URL with `pairs` appended to its query (before any fragment), keeping an existing query.
    static func appendingQuery(_ url: String, _ pairs: [(name: String, value: String)]) -> String {
        guard !pairs.isEmpty else { return url }
        let encoded = pairs.map { encodeComponent($0.name) + "=" + encodeComponent($0.value) }.joined(separator: "&")
        var base = url
        var fragment = ""
        if let hash = url.firstIndex(of: "#") {
            base = String(url[..<hash])
            fragment = String(url[hash...])
        }
        let separator: String
        if !base.contains("?") {
            separator = "?"
        } else if base.hasSuffix("?") || base.hasSuffix("&") {
            separator = ""
        } else {
            separator = "&"
        }
        return base + separator + encoded + fragment
    }
}
