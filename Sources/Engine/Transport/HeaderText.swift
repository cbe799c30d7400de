/// Parsing of HTTP/1-style header text as libcurl hands it over: response header lines from the
/// header callback and the request header block from `CURLINFO_HEADER_OUT`.
enum HeaderText {
    /// A parsed status line.
    struct StatusLine: Equatable {
        var version: String
        var status: Int
        var reason: String
    }

    /// `HTTP/1.1 200 OK`, `HTTP/2 200`; `nil` when the line is not a status line.
    static func statusLine(_ line: UnsafeBufferPointer<UInt8>) -> StatusLine? {
        guard line.count >= 8, line[0] == UInt8(ascii: "H"), line[1] == UInt8(ascii: "T"),
              line[2] == UInt8(ascii: "T"), line[3] == UInt8(ascii: "P"), line[4] == UInt8(ascii: "/")
        else { return nil }
        var index = 5
        while index < line.count, line[index] != UInt8(ascii: " ") { index += 1 }
        let version = String(decoding: UnsafeBufferPointer(rebasing: line[5..<index]), as: UTF8.self)
        while index < line.count, line[index] == UInt8(ascii: " ") { index += 1 }
        var status = 0
        var digits = 0
        while index < line.count, digits < 3, line[index] >= UInt8(ascii: "0"), line[index] <= UInt8(ascii: "9") {
            status = status * 10 + Int(line[index] - UInt8(ascii: "0"))
            index += 1
            digits += 1
        }
        guard digits == 3 else { return nil }
        while index < line.count, line[index] == UInt8(ascii: " ") { index += 1 }
        let reason = String(decoding: UnsafeBufferPointer(rebasing: line[index...]), as: UTF8.self)
        return StatusLine(version: version, status: status, reason: reason)
    }

    /// `Name: value` with optional whitespace trimmed around the value; `nil` without a colon.
    static func field(_ line: UnsafeBufferPointer<UInt8>) -> HeaderField? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: line[..<colon]), as: UTF8.self)
        var start = colon + 1
        var end = line.count
        while start < end, isOWS(line[start]) { start += 1 }
        while end > start, isOWS(line[end - 1]) { end -= 1 }
        let value = String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
        return HeaderField(name, value)
    }

    /// The line's text without surrounding spaces and tabs.
    static func trimmedText(_ line: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0
        var end = line.count
        while start < end, isOWS(line[start]) { start += 1 }
        while end > start, isOWS(line[end - 1]) { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
    }

    /// The line without its trailing CR LF (or LF).
    static func trimmingLineEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var end = bytes.count
        if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
        if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[0..<end])
    }

    /// True for a line that continues the previous header (obsolete line folding).
    static func isContinuation(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = line.first else { return false }
        return isOWS(first)
    }

    /// The method and header lines of the last request block in `CURLINFO_HEADER_OUT` text
    /// (a proxy `CONNECT` or a retried request come earlier and are skipped).
    static func sentRequest(_ text: [UInt8]) -> (method: String, headers: [HeaderField])? {
        text.withUnsafeBufferPointer { all -> (String, [HeaderField])? in
            var lines: [UnsafeBufferPointer<UInt8>] = []
            var lastBlock: [UnsafeBufferPointer<UInt8>] = []
            var index = 0
            while index < all.count {
                var end = index
                while end < all.count, all[end] != 0x0A { end += 1 }
                let line = trimmingLineEnd(UnsafeBufferPointer(rebasing: all[index..<min(end + 1, all.count)]))
                index = end + 1
                if line.isEmpty {
                    if !lines.isEmpty { lastBlock = lines }
                    lines.removeAll(keepingCapacity: true)
                } else {
                    lines.append(line)
                }
            }
            if !lines.isEmpty { lastBlock = lines }
            guard let requestLine = lastBlock.first else { return nil }
            let space = requestLine.firstIndex(of: UInt8(ascii: " ")) ?? requestLine.count
            let method = String(decoding: UnsafeBufferPointer(rebasing: requestLine[..<space]), as: UTF8.self)
            var headers: [HeaderField] = []
            headers.reserveCapacity(lastBlock.count - 1)
            for line in lastBlock.dropFirst() {
                if let field = field(line) { headers.append(field) }
            }
            return (method, headers)
        }
    }

    private static func isOWS(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}
