import CCurl

/// Runs a series of `curl_easy_setopt` calls and keeps the first failure, without allocating.
struct SetoptChain {
    private(set) var result: CURLcode = CURLE_OK

    /// Records `code` unless an earlier call already failed.
    mutating func callAsFunction(_ code: CURLcode) {
        if result == CURLE_OK { result = code }
    }
}
