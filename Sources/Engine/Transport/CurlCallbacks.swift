import CCurl

/// The `@convention(c)` callbacks of one transfer. Each reaches its `TransferState` through the
/// unretained `Unmanaged` pointer given as the callback's userdata; the transport keeps the state alive.
enum CurlCallbacks {
    /// Installs the header, body, progress and debug callbacks on a freshly reset easy handle.
    /// Returns the first failing `CURLcode`, if any.
    static func install(on easy: UnsafeMutableRawPointer, state: TransferState) -> CURLcode {
        let userdata = Unmanaged.passUnretained(state).toOpaque()
        var steps = SetoptChain()
        steps(wb_easy_setopt_header(easy) { data, size, count, userdata in
            guard let data, let userdata else { return 0 }
            let length = size * count
            let state = Unmanaged<TransferState>.fromOpaque(userdata).takeUnretainedValue()
            let accepted = data.withMemoryRebound(to: UInt8.self, capacity: length) {
                state.headerReceived(UnsafeBufferPointer(start: $0, count: length))
            }
            return accepted ? length : 0
        })
        steps(wb_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, userdata))
        steps(wb_easy_setopt_write(easy) { data, size, count, userdata in
            guard let userdata else { return 0 }
            let length = size * count
            guard let data, length > 0 else { return length }
            let state = Unmanaged<TransferState>.fromOpaque(userdata).takeUnretainedValue()
            let accepted = data.withMemoryRebound(to: UInt8.self, capacity: length) {
                state.bodyReceived(UnsafeBufferPointer(start: $0, count: length))
            }
            return accepted ? length : wb_writefunc_error()
        })
        steps(wb_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, userdata))
        steps(wb_easy_setopt_long(easy, CURLOPT_NOPROGRESS, 0))
        steps(wb_easy_setopt_xferinfo(easy) { userdata, _, dlnow, ultotal, ulnow in
            guard let userdata else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(userdata).takeUnretainedValue()
            return state.progress(downloaded: Int64(dlnow), uploadTotal: Int64(ultotal), uploaded: Int64(ulnow)) ? 0 : 1
        })
        steps(wb_easy_setopt_ptr(easy, CURLOPT_XFERINFODATA, userdata))
        // VERBOSE is the only way to see the request header block libcurl sent; every other
        // kind of debug text is dropped at once.
        steps(wb_easy_setopt_long(easy, CURLOPT_VERBOSE, 1))
        steps(wb_easy_setopt_debug(easy) { _, type, data, size, userdata in
            guard type == CURLINFO_HEADER_OUT, let data, let userdata else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(userdata).takeUnretainedValue()
            data.withMemoryRebound(to: UInt8.self, capacity: size) {
                state.headerSent(UnsafeBufferPointer(start: $0, count: size))
            }
            return 0
        })
        steps(wb_easy_setopt_ptr(easy, CURLOPT_DEBUGDATA, userdata))
        return steps.result
    }

    /// Installs the read callback that streams a `.file` body from `state.uploadDescriptor`.
    static func installUpload(on easy: UnsafeMutableRawPointer, state: TransferState) -> CURLcode {
        let userdata = Unmanaged.passUnretained(state).toOpaque()
        let first = wb_easy_setopt_read(easy) { buffer, size, count, userdata in
            guard let buffer, let userdata else { return wb_readfunc_abort() }
            let state = Unmanaged<TransferState>.fromOpaque(userdata).takeUnretainedValue()
            let read = state.readUpload(into: UnsafeMutableRawPointer(buffer), capacity: size * count)
            return read < 0 ? wb_readfunc_abort() : read
        }
        guard first == CURLE_OK else { return first }
        return wb_easy_setopt_ptr(easy, CURLOPT_READDATA, userdata)
    }
}
