import Engine
import FuzzSupport

/// Decodes a request spec from fuzz bytes.
enum FuzzRequestSpec {
    static func decode(_ input: inout FuzzInput) -> RequestSpec {
        let method = input.token(FuzzVocabulary.methods, maxCount: 12)
        let url = input.token(FuzzVocabulary.urls, maxCount: 80)
        var headers: [HeaderField] = []
        for _ in 0..<input.int(in: 0...8) {
            headers.append(HeaderField(input.token(FuzzVocabulary.requestHeaders, maxCount: 24),
                                       input.token(FuzzVocabulary.requestValues, maxCount: 40)))
        }
        let body: RequestBody
        switch input.int(in: 0...3) {
        case 0: body = .none
        case 1: body = .bytes(input.data(maxCount: 32))
        case 2: body = .multipart([ResolvedPart(name: input.string(maxCount: 8), value: input.data(maxCount: 8),
                                                filename: input.bool() ? "f.txt" : nil, contentType: input.bool() ? "text/plain" : nil)])
        default: body = .file(path: "/nonexistent/fuzz-body", size: Int64(input.int(in: 0...10)))
        }
        func seconds() -> Double? { input.bool() ? nil : Double(input.int(in: 0...20)) / 4 }
        let optionNames = ["timeout", "followRedirects", "maxRedirects", "proxy", "caFile", "insecure", "clientCert",
                           "clientKey", "httpVersion", "compressed"]
        var explicitlySet: Set<String> = []
        for name in optionNames where input.bool() { explicitlySet.insert(name) }
        let options = ResolvedOptions(
            timeout: TimeoutSettings(connect: seconds(), read: seconds(), write: seconds(), pool: seconds(), total: seconds()),
            followRedirects: input.bool(), maxRedirects: input.int(in: 0...6),
            proxy: input.bool() ? nil : "http://127.0.0.1:3128", caFile: input.bool() ? nil : "/nonexistent/ca.pem",
            insecure: input.bool(), clientCert: nil, clientKey: nil,
            httpVersion: input.bool() ? nil : input.pick(HTTPVersionOption.allCases), compressed: input.bool(),
            explicitlySet: explicitlySet)
        return RequestSpec(method: method, url: url, headers: headers, body: body, options: options)
    }
}
