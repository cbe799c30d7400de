/// Tokens that make the gate, CORS and redirect code take their interesting branches.
enum FuzzVocabulary {
    static let origins = ["http://localhost:8000", "http://127.0.0.1:9000", "null", "https://localhost:8443", "http://localhost:8000/"]
    static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "CONNECT", "TRACE", "TRACK",
                          "get", "post", "patch", "Put", "QUERY", ""]
    static let urls = ["http://127.0.0.1:9000/get", "http://localhost:8000/same", "https://127.0.0.1:9443/tls",
                       "http://127.0.0.1:9000/a?b=c#d", "ftp://127.0.0.1/file", "file:///etc/passwd", "http://[::1]:9000/",
                       "http://user:pw@127.0.0.1:9000/", "http://localhost:8000", "data:text/plain,hi", "http://127.0.0.1:9000/%zz"]
    static let requestHeaders = ["Cookie", "Cookie2", "Host", "Origin", "Referer", "Sec-Fetch-Mode", "Sec-Ch-Ua",
                                 "Proxy-Authorization", "Proxy-X", "Accept-Charset", "Accept-Encoding", "Connection",
                                 "Content-Length", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Via", "TE", "Trailer",
                                 "Date", "DNT", "Expect", "X-HTTP-Method-Override", "X-Method-Override", "X-HTTP-Method",
                                 "Authorization", "Content-Type", "Accept", "Accept-Language", "Content-Language",
                                 "Range", "User-Agent", "X-Api-Key", "Set-Cookie", "access-control-request-method"]
    static let requestValues = ["text/plain", "application/json", "multipart/form-data; boundary=x",
                                "application/x-www-form-urlencoded", "TRACE", "CONNECT", "GET", "bytes=0-10", "bytes=0-",
                                "*", "", " padded ", "close", "gzip, deflate", "en-US", "a=b", "\u{7f}", "v\u{0}x"]
    static let responseHeaders = ["Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
                                  "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
                                  "Access-Control-Expose-Headers", "Access-Control-Max-Age", "Location", "Set-Cookie",
                                  "Set-Cookie2", "Content-Type", "Content-Length", "Vary", "X-Id", "Cross-Origin-Resource-Policy"]
    static let responseValues = ["*", "null", "true", "TRUE", "http://localhost:8000", "http://127.0.0.1:9000",
                                 "GET, POST", "PUT", "*, authorization", "x-api-key, content-type", "-1", "0", "600",
                                 "99999999999999999999", "1.5", "http://127.0.0.1:9000/next", "/relative", "//localhost:8000/p",
                                 "id=1; Path=/; SameSite=None; Secure", "a=b; Max-Age=-1", "x-id", "text/html", ""]
    static let statuses = [200, 204, 301, 302, 303, 307, 308, 304, 400, 404, 500, 0, 99, 199, 1000, -1]
}
