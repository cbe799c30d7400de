/// The cookie jar a run keeps (httpx's client jar in `native`, the browser's jar in browser profiles).
/// The transport's `CookieJar` is the implementation; this seam keeps the executor testable.
protocol ProfileCookieStore: Sendable {
    mutating func store(setCookieHeaders: [String], requestURL: String, now: Double)
    func cookieHeader(for url: String, now: Double) -> String?
}

extension CookieJar: ProfileCookieStore {}

extension ProfileRunState {
    /// A new, empty jar.
    static func makeCookieJar() -> any ProfileCookieStore {
        CookieJar()
    }
}
