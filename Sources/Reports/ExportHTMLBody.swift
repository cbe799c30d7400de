import Engine

/// A response body in the HTML report: JSON pretty-printed, text as it is, binary as a short hex dump; cut
/// with a note when large.
enum HTMLBody {
    /// Characters of a body shown before cutting.
    static let maxCharacters = 20_000
    /// Lines of a body shown before cutting.
    static let maxLines = 300
    /// Bytes of a binary body shown as hex.
    static let hexBytes = 64

    static func render(_ response: ReceivedResponse) -> String {
        let body = response.body
        if body.isEmpty {
            let text = response.bodySize == 0 ? "(empty body)" : "(\(ExportText.bytes(response.bodySize)) body, not stored)"
            return "<p class=\"body-note\">\(HTMLText.escape(text))</p>\n"
        }
        var notes: [String] = []
        var text: String
        if let pretty = prettyJSON(body) {
            text = pretty
        } else if let utf8 = String(validating: body, as: UTF8.self) {
            text = utf8
        } else {
            text = hexDump(Array(body.prefix(hexBytes)))
            notes.append("\(ExportText.bytes(response.bodySize)) of binary data; the first \(min(body.count, hexBytes)) bytes in hex. "
                         + "The HAR and JSON exports hold the stored bytes as base64.")
        }
        if text.last == "\n" { text.removeLast() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var cut = false
        if lines.count > maxLines {
            notes.append("showing \(maxLines) of \(lines.count) lines")
            lines = Array(lines.prefix(maxLines))
            cut = true
        }
        var shown = lines.joined(separator: "\n")
        if shown.count > maxCharacters {
            shown = String(shown.prefix(maxCharacters))
            if !cut { notes.append("showing the first \(maxCharacters) characters") }
            cut = true
        }
        if cut { notes.append("the full stored body is in the HAR and JSON exports") }
        if response.bodyTruncated || Int64(body.count) < response.bodySize {
            notes.append("the store kept \(ExportText.bytes(Int64(body.count))) of \(ExportText.bytes(response.bodySize)) (--body-limit)")
        }
        var h = "<pre class=\"body\">\(HTMLText.escape(shown))</pre>\n"
        for note in notes { h += "<p class=\"body-note\">\(HTMLText.escape(note))</p>\n" }
        return h
    }

    private static func prettyJSON(_ body: [UInt8]) -> String? {
        guard let first = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return nil }
        guard let value = try? JSONParser.parse(body) else { return nil }
        return value.serialized(pretty: true)
    }

    private static func hexDump(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var lines: [String] = []
        var offset = 0
        while offset < bytes.count {
            let row = bytes[offset..<min(offset + 16, bytes.count)]
            let hex = row.map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined(separator: " ")
            let ascii = String(row.map { (0x20..<0x7F).contains($0) ? Character(Unicode.Scalar($0)) : "." })
            let padding = String(repeating: " ", count: (16 - row.count) * 3)
            let position = String(offset, radix: 16)
            lines.append(String(repeating: "0", count: max(0, 4 - position.count)) + position + "  \(hex)\(padding)  \(ascii)")
            offset += 16
        }
        return lines.joined(separator: "\n")
    }
}
