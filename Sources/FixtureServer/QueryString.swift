/// A parsed `application/x-www-form-urlencoded` string (a URL query or a form body).
///
/// Pairs keep their order; names may repeat. `+` is a space and `%XX` is decoded.
struct QueryString: Sendable {
    /// The decoded name/value pairs in order.
    var pairs: [(name: String, value: String)]

    init(_ raw: Substring) {
        pairs = []
        guard !raw.isEmpty else { return }
        for piece in raw.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = piece.firstIndex(of: "=") {
                pairs.append((Self.decode(piece[..<equals]), Self.decode(piece[piece.index(after: equals)...])))
            } else {
                pairs.append((Self.decode(piece), ""))
            }
        }
    }

    /// Every value of `name`, in order.
    func values(_ name: String) -> [String] {
        pairs.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The first value of `name`.
    func first(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Whether any pair is named `name`.
    func contains(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }

    /// `{name: value}` or `{name: [values]}` when a name repeats, in first-appearance order.
    var json: JSON {
        var order: [String] = []
        var grouped: [String: [String]] = [:]
        for pair in pairs {
            if grouped[pair.name] == nil { order.append(pair.name) }
            grouped[pair.name, default: []].append(pair.value)
        }
        return .object(order.map { name in
            let values = grouped[name] ?? []
            return (name, values.count == 1 ? .string(values[0]) : .array(values.map(JSON.string)))
        })
    }

    /// Percent-decodes one component (`+` is a space); malformed escapes are kept literally.
    static func decode(_ text: Substring) -> String {
        let utf8 = text.utf8
        guard utf8.contains(UInt8(ascii: "%")) || utf8.contains(UInt8(ascii: "+")) else { return String(text) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"),
                let first = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), first < utf8.endIndex,
                let second = utf8.index(first, offsetBy: 1, limitedBy: utf8.endIndex), second < utf8.endIndex,
                let high = hexValue(utf8[first]), let low = hexValue(utf8[second])
            {
                bytes.append(high << 4 | low)
                index = second
            } else {
                bytes.append(byte)
            }
            index = utf8.index(after: index)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
