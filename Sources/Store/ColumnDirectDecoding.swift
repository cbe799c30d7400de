import Engine

/// Decoders from a stored column's bytes straight to the model, without a `JSONValue` tree, for the
/// columns `workbench diff` reads for every result (the observed response and the effects).
///
/// They read exactly the text `ColumnCoding.observedText` / `effectsText` write: members in the written
/// order, no whitespace. Anything else — another spelling of the same JSON, an unknown member, and every
/// malformed column — gives `nil`, and the caller takes the general path (`JSONParser` then
/// `ColumnCoding.observed` / `effects`). So a column either decodes here to what the general path
/// returns, or the general path decides, with its error naming the fault.
enum ColumnDirectDecoding {
    /// `{"url","httpVersion","status","headers","bodySize","bodySHA256","bodyTruncated","bodyKept"}`:
    /// the response without its body, and how many body bytes were kept.
    ///
    /// `reuse` carries strings from one call to the next (a run's columns repeat most of their values).
    static func observed(_ bytes: UnsafeRawBufferPointer,
                         reusing reuse: inout ColumnStringReuse) -> (response: ObservedResponse, kept: Int)? {
        var s = ColumnScanner(bytes)
        guard s.literal("{\"url\":"), let url = s.string(reusing: &reuse, slot: 0),
              s.literal(",\"httpVersion\":"), let httpVersion = s.string(reusing: &reuse, slot: 1),
              s.literal(",\"status\":"), let status = s.integer(),
              s.literal(",\"headers\":"), let headers = headers(&s, reusing: &reuse, firstSlot: 3),
              s.literal(",\"bodySize\":"), let bodySize = s.integer(),
              s.literal(",\"bodySHA256\":"), let sha = s.string(reusing: &reuse, slot: 2),
              s.literal(",\"bodyTruncated\":"), let truncated = s.bool(),
              s.literal(",\"bodyKept\":"), let kept = s.integer(),
              s.byte(UInt8(ascii: "}")), s.atEnd else { return nil }
        let response = ObservedResponse(url: url, httpVersion: httpVersion, status: status, headers: headers,
                                        bodySize: Int64(bodySize), bodySHA256: sha, body: [], bodyTruncated: truncated)
        return (response, kept)
    }

    /// The observed response of one column on its own.
    static func observed(_ bytes: UnsafeRawBufferPointer) -> (response: ObservedResponse, kept: Int)? {
        var reuse = ColumnStringReuse()
        return observed(bytes, reusing: &reuse)
    }

    /// `[{"code","message"},…]`.
    static func effects(_ bytes: UnsafeRawBufferPointer) -> [Effect]? {
        var s = ColumnScanner(bytes)
        guard s.byte(UInt8(ascii: "[")) else { return nil }
        var effects: [Effect] = []
        if !s.byte(UInt8(ascii: "]")) {
            repeat {
                guard s.literal("{\"code\":"), let code = s.string(),
                      s.literal(",\"message\":"), let message = s.string(),
                      s.byte(UInt8(ascii: "}")) else { return nil }
                effects.append(Effect(code, message))
            } while s.byte(UInt8(ascii: ","))
            guard s.byte(UInt8(ascii: "]")) else { return nil }
        }
        return s.atEnd ? effects : nil
    }

    /// `[[name,value],…]`, header *i*'s name and value in slots `firstSlot + 2i` and `firstSlot + 2i + 1`.
    private static func headers(_ s: inout ColumnScanner, reusing reuse: inout ColumnStringReuse,
                                firstSlot: Int) -> [HeaderField]? {
        guard s.byte(UInt8(ascii: "[")) else { return nil }
        var fields: [HeaderField] = []
        if s.byte(UInt8(ascii: "]")) { return fields }
        fields.reserveCapacity(12)
        var slot = firstSlot
        repeat {
            guard s.byte(UInt8(ascii: "[")), let name = s.string(reusing: &reuse, slot: slot), s.byte(UInt8(ascii: ",")),
                  let value = s.string(reusing: &reuse, slot: slot + 1), s.byte(UInt8(ascii: "]")) else { return nil }
            fields.append(HeaderField(name, value))
            slot += 2
        } while s.byte(UInt8(ascii: ","))
        return s.byte(UInt8(ascii: "]")) ? fields : nil
    }
}
