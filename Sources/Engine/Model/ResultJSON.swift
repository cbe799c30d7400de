/// The stable JSON form of results (documented in docs/json-output.md): what `--output json` prints and
/// what the `json` export writes. Field names never change meaning; new fields may be added.
extension RequestResult {
    public var json: JSONValue {
        var o = JSONObject()
        o["index"] = .number(Double(index))
        o["id"] = .string(requestID)
        o["name"] = .string(name)
        o["group"] = .array(groupPath.map(JSONValue.string))
        o["method"] = .string(method)
        o["url"] = .string(url)
        o["outcome"] = .string(outcome.rawValue)
        o["startedAt"] = .number(startedAt)
        o["durationMicros"] = .number(Double(durationMicros))
        o["observed"] = observed.map(\.json) ?? .null
        o["pythonError"] = pythonError.map { .object(JSONObject([("type", .string($0.type)), ("message", .string($0.message))])) } ?? .null
        o["error"] = error.map(\.json) ?? .null
        o["effects"] = .array(effects.map { .object(JSONObject([("code", .string($0.code)), ("message", .string($0.message))])) })
        o["assertions"] = .array(assertions.map(\.json))
        o["captures"] = .array(captures.map(\.json))
        o["expectationNote"] = expectationNote.map(JSONValue.string) ?? .null
        o["exchanges"] = .array(exchanges.map(\.json))
        return .object(o)
    }
}

extension TransportError {
    public var json: JSONValue {
        .object(JSONObject([("kind", .string(kind.rawValue)), ("message", .string(message)), ("curlCode", .number(Double(curlCode)))]))
    }
}

extension AssertionResult {
    public var json: JSONValue {
        var o = JSONObject()
        o["description"] = .string(description)
        o["passed"] = .bool(passed)
        o["expected"] = .string(expected)
        o["actual"] = .string(actual)
        o["message"] = message.map(JSONValue.string) ?? .null
        return .object(o)
    }
}

extension CaptureResult {
    public var json: JSONValue {
        var o = JSONObject()
        o["name"] = .string(name)
        o["value"] = value ?? .null
        o["secret"] = .bool(secret)
        o["error"] = error.map(JSONValue.string) ?? .null
        return .object(o)
    }
}

extension Array where Element == HeaderField {
    /// `[[name, value], …]`: order and repeats kept.
    public var json: JSONValue { .array(map { .array([.string($0.name), .string($0.value)]) }) }
}

extension ObservedResponse {
    public var json: JSONValue {
        var o = JSONObject()
        o["url"] = .string(url)
        o["httpVersion"] = .string(httpVersion)
        o["status"] = .number(Double(status))
        o["headers"] = headers.json
        o["bodySize"] = .number(Double(bodySize))
        o["bodySHA256"] = .string(bodySHA256)
        o["bodyTruncated"] = .bool(bodyTruncated)
        o["body"] = BodyText.json(body)
        return .object(o)
    }
}

extension Timings {
    public var json: JSONValue {
        .object(JSONObject([
            ("dns", .number(Double(dns))), ("connect", .number(Double(connect))), ("tls", .number(Double(tls))),
            ("pretransfer", .number(Double(pretransfer))), ("firstByte", .number(Double(firstByte))), ("total", .number(Double(total))),
        ]))
    }
}

extension Exchange {
    public var json: JSONValue {
        var o = JSONObject()
        o["kind"] = .string(kind.rawValue)
        o["startedAt"] = .number(startedAt)
        var req = JSONObject()
        req["method"] = .string(request.method)
        req["url"] = .string(request.url)
        req["headers"] = request.headers.json
        req["bodySize"] = .number(Double(request.bodySize))
        o["request"] = .object(req)
        if let response {
            var res = JSONObject()
            res["httpVersion"] = .string(response.httpVersion)
            res["status"] = .number(Double(response.status))
            res["reason"] = .string(response.reason)
            res["headers"] = response.headers.json
            res["bodySize"] = .number(Double(response.bodySize))
            res["bodySHA256"] = .string(response.bodySHA256)
            res["bodyTruncated"] = .bool(response.bodyTruncated)
            res["redirectURL"] = response.redirectURL.map(JSONValue.string) ?? .null
            o["response"] = .object(res)
        } else {
            o["response"] = .null
        }
        o["timings"] = timings.json
        o["remoteAddress"] = remoteAddress.map(JSONValue.string) ?? .null
        o["remotePort"] = remotePort.map { .number(Double($0)) } ?? .null
        o["error"] = error.map(\.json) ?? .null
        return .object(o)
    }
}

/// Bodies in JSON output: UTF-8 text as `{"text": …}`, anything else as `{"base64": …}`.
public enum BodyText {
    public static func json(_ bytes: [UInt8]) -> JSONValue {
        if let text = String(validating: bytes, as: UTF8.self) {
            return .object(JSONObject([("text", .string(text))]))
        }
        return .object(JSONObject([("base64", .string(Base64.encode(bytes)))]))
    }
}

/// Standard base64 (RFC 4648) without Foundation.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes standard or URL-safe base64, padding optional, whitespace ignored; `nil` when invalid.
    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(c - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(c - 71)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(c + 4)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "/"), UInt8(ascii: "_"): values.append(63)
            case UInt8(ascii: "="), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
            default: return nil
            }
        }
        if values.count % 4 == 1 { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var i = 0
        while i + 3 < values.count {
            let n = UInt32(values[i]) << 18 | UInt32(values[i + 1]) << 12 | UInt32(values[i + 2]) << 6 | UInt32(values[i + 3])
            out += [UInt8(n >> 16 & 255), UInt8(n >> 8 & 255), UInt8(n & 255)]
            i += 4
        }
        let rest = values.count - i
        if rest == 2 {
            let n = UInt32(values[i]) << 18 | UInt32(values[i + 1]) << 12
            out.append(UInt8(n >> 16 & 255))
        } else if rest == 3 {
            let n = UInt32(values[i]) << 18 | UInt32(values[i + 1]) << 12 | UInt32(values[i + 2]) << 6
            out += [UInt8(n >> 16 & 255), UInt8(n >> 8 & 255)]
        }
        return out
    }
}
