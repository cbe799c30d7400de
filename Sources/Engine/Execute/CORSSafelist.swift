/// The Fetch standard's CORS-safelisted request headers (profiles.md §3.3).
enum CORSSafelist {
    /// The longest value a safelisted header may have.
    static let maxValueBytes = 128
    /// The most all safelisted values together may have.
    static let maxTotalBytes = 1024

    /// A CORS-unsafe request-header byte: control bytes other than tab, `"():<>?@[\]{}` and DEL.
    static func isUnsafeByte(_ byte: UInt8) -> Bool {
        if byte < 0x20 && byte != 0x09 { return true }
        switch byte {
        case 0x22, 0x28, 0x29, 0x3A, 0x3C, 0x3E, 0x3F, 0x40, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F: return true
        default: return false
        }
    }

    /// True when this header, on its own, is CORS-safelisted (value length limit included).
    static func isSafelisted(name: String, value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count <= maxValueBytes else { return false }
        switch name.asciiLowercased() {
        case "accept":
            return !bytes.contains(where: isUnsafeByte)
        case "accept-language", "content-language":
            // 0-9 A-Z a-z space * , - . ; =
            return bytes.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                    || b == 0x20 || b == 0x2A || b == 0x2C || b == 0x2D || b == 0x2E || b == 0x3B || b == 0x3D
            }
        case "content-type":
            if bytes.contains(where: isUnsafeByte) { return false }
            guard let essence = mimeEssence(value) else { return false }
            return essence == "application/x-www-form-urlencoded" || essence == "multipart/form-data" || essence == "text/plain"
        case "range":
            return isSimpleRange(value)
        default:
            return false
        }
    }

    /// The `type/subtype` of a MIME type, lower-cased; `nil` when it does not parse.
    static func mimeEssence(_ value: String) -> String? {
        let essence = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first.map { $0.trimmingASCIIWhitespace().asciiLowercased() } ?? ""
        let parts = essence.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              !essence.contains(" "), !essence.contains("\t") else { return nil }
        return essence
    }

    /// `bytes=START-` or `bytes=START-END` with START ≤ END: the only `Range` the safelist allows.
    static func isSimpleRange(_ value: String) -> Bool {
        guard value.hasPrefix("bytes=") else { return false }
        let spec = value.dropFirst(6)
        let pieces = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.count == 2, !pieces[0].isEmpty, pieces[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let start = Int(pieces[0]) else { return false }
        if pieces[1].isEmpty { return true }
        guard pieces[1].allSatisfy({ $0.isASCII && $0.isNumber }), let end = Int(pieces[1]) else { return false }
        return start <= end
    }

    /// The CORS-unsafe request-header names of a header list: lower-cased, sorted, unique. Safelisted headers
    /// become unsafe too when their values together exceed 1024 bytes.
    static func unsafeNames(_ headers: [HeaderField]) -> [String] {
        var unsafe: Set<String> = []
        var potentiallyUnsafe: [String] = []
        var total = 0
        for header in combined(headers) {
            if isSafelisted(name: header.name, value: header.value) {
                potentiallyUnsafe.append(header.name.asciiLowercased())
                total += header.value.utf8.count
            } else {
                unsafe.insert(header.name.asciiLowercased())
            }
        }
        if total > maxTotalBytes { unsafe.formUnion(potentiallyUnsafe) }
        return unsafe.sorted()
    }

    /// One field per name, repeated values joined with `, ` (as a `Headers` object holds them), in first-seen order.
    static func combined(_ headers: [HeaderField]) -> [HeaderField] {
        var order: [String] = []
        var values: [String: (name: String, value: String)] = [:]
        for header in headers {
            let key = header.name.asciiLowercased()
            if let existing = values[key] {
                values[key] = (existing.name, existing.value + ", " + header.value)
            } else {
                order.append(key)
                values[key] = (header.name, header.value)
            }
        }
        return order.compactMap { key in values[key].map { HeaderField($0.name, $0.value) } }
    }

    /// Response headers every CORS response exposes (§3.7), lower-case.
    static let exposedResponseHeaders: Set<String> = [
        "cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma",
    ]
}
