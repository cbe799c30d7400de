import CCurl

/// Builds the `CURLOPT_HTTPHEADER` list: the caller's headers in order, then removals of the
/// headers libcurl would add on its own (`Accept`, `Expect`, `Accept-Encoding`, a form `Content-Type`)
/// unless the caller gave them.
enum HeaderListBuilder {
    /// The list (never empty: at least one removal or one header), or `nil` when allocation failed.
    static func build(_ request: WireRequest, body: PreparedBody) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        var hasAccept = false, hasExpect = false, hasAcceptEncoding = false, hasContentType = false
        // One buffer for every line (NUL-terminated for libcurl, which copies it): no String built per header.
        var line: [UInt8] = []
        line.reserveCapacity(256)
        for field in request.headers {
            if HeaderName.equal(field.name, "accept") { hasAccept = true }
            else if HeaderName.equal(field.name, "expect") { hasExpect = true }
            else if HeaderName.equal(field.name, "accept-encoding") { hasAcceptEncoding = true }
            else if HeaderName.equal(field.name, "content-type") { hasContentType = true }
            // "Name;" is libcurl's spelling of a header with an empty value ("Name:" would remove it).
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: field.name.utf8)
            if field.value.isEmpty {
                line.append(UInt8(ascii: ";"))
            } else {
                line.append(UInt8(ascii: ":"))
                line.append(UInt8(ascii: " "))
                line.append(contentsOf: field.value.utf8)
            }
            line.append(0)
            let appended = line.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { append($0.baseAddress, to: &list) }
            }
            guard appended else { return nil }
        }
        if !hasAccept, !append("Accept:", to: &list) { return nil }
        if !hasExpect, !append("Expect:", to: &list) { return nil }
        if request.decodeContent, !hasAcceptEncoding, !append("Accept-Encoding:", to: &list) { return nil }
        if body.isPlainPost, !hasContentType, !append("Content-Type:", to: &list) { return nil }
        return list
    }

    private static func append(_ line: StaticString, to list: inout UnsafeMutablePointer<curl_slist>?) -> Bool {
        // A StaticString's bytes end with a NUL.
        line.utf8Start.withMemoryRebound(to: CChar.self, capacity: line.utf8CodeUnitCount + 1) { append($0, to: &list) }
    }

    /// Appends a NUL-terminated line (libcurl copies it); on failure frees the whole list.
    private static func append(_ line: UnsafePointer<CChar>?, to list: inout UnsafeMutablePointer<curl_slist>?) -> Bool {
        guard let line, let longer = curl_slist_append(list, line) else {
            curl_slist_free_all(list)
            list = nil
            return false
        }
        list = longer
        return true
    }
}
