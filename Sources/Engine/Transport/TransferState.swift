#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything libcurl's callbacks update during one transfer. One instance lives as long as its
/// `CurlTransport` and is reset for each request, so buffers keep their capacity between requests.
///
/// The callbacks reach it through an unretained `Unmanaged` pointer; they all run on the thread
/// that called `perform`, inside `curl_multi_perform`.
final class TransferState {
    let cancellation: CancellationFlag?

    // Limits of the current request.
    private(set) var captureLimit = 0
    private(set) var maxBodyBytes: Int64 = -1
    private(set) var readTimeoutNanoseconds: Int64 = 0
    private(set) var writeTimeoutNanoseconds: Int64 = 0
    /// Request body bytes the caller gave (0 without a body; libcurl's own total when it knows better).
    private var uploadTotal: Int64 = 0

    // Movement of bytes, for the read and write silences.
    /// The request's header block went out (the connection exists).
    private(set) var requestSent = false
    /// The final (non-1xx) status line arrived.
    private(set) var finalResponseStarted = false
    private var lastSendNanoseconds: Int64 = 0
    private var lastReceiveNanoseconds: Int64 = 0
    private var uploaded: Int64 = 0
    private var downloaded: Int64 = 0

    /// Why the transport itself stopped the transfer, when it did.
    private(set) var abort: (kind: TransportErrorKind, message: String)?

    // The response.
    private(set) var statusLine: HeaderText.StatusLine?
    private(set) var responseHeaders: [HeaderField] = []
    private var headerBlockEnded = false
    /// Bytes of the current header block (status line included), against ``maxHeaderBlockBytes``.
    private var headerBlockBytes = 0
    private(set) var body: [UInt8] = []
    private(set) var bodySize: Int64 = 0
    /// SHA-256 of every body byte (on a second thread for large bodies).
    private let hasher = BodyHasher()
    /// The response's `Content-Length`, to size the capture buffer once.
    private var announcedLength: Int64 = -1

    // The request as libcurl sent it: raw `CURLINFO_HEADER_OUT` text.
    private(set) var headerOut: [UInt8] = []

    /// The open file of a `.file` body, read by the read callback.
    var uploadDescriptor: Int32 = -1

    init(cancellation: CancellationFlag?) {
        self.cancellation = cancellation
    }

    /// Clears the previous transfer and takes the new request's limits.
    func begin(_ request: WireRequest, uploadSize: Int64) {
        captureLimit = max(0, request.bodyCaptureLimit)
        maxBodyBytes = request.maxBodyBytes.map { max(0, $0) } ?? -1
        readTimeoutNanoseconds = Self.nanoseconds(request.timeouts.read)
        writeTimeoutNanoseconds = Self.nanoseconds(request.timeouts.write)
        uploadTotal = uploadSize
        requestSent = false
        finalResponseStarted = false
        lastSendNanoseconds = 0
        lastReceiveNanoseconds = 0
        uploaded = 0
        downloaded = 0
        abort = nil
        statusLine = nil
        responseHeaders = []
        headerBlockEnded = false
        headerBlockBytes = 0
        body = []
        bodySize = 0
        hasher.reset()
        announcedLength = -1
        headerOut.removeAll(keepingCapacity: true)
        uploadDescriptor = -1
    }

    /// Hands the captured body over (the state keeps no reference to it).
    func takeBody() -> [UInt8] {
        let taken = body
        body = []
        return taken
    }

    /// Lowercase hex SHA-256 of every body byte received.
    func bodyDigest() -> String {
        hasher.finalizeHex()
    }

    // MARK: Callback entry points

    /// `CURLINFO_HEADER_OUT`: the request's header block went out.
    func headerSent(_ bytes: UnsafeBufferPointer<UInt8>) {
        headerOut.append(contentsOf: bytes)
        if !requestSent {
            requestSent = true
            guard readTimeoutNanoseconds > 0 || writeTimeoutNanoseconds > 0 else { return }
            let now = Clocks.monotonicNanoseconds()
            lastSendNanoseconds = now
            lastReceiveNanoseconds = now
        }
    }

    /// The largest response header block accepted: httpcore's (httpx's HTTP/1.1 layer) 100 KiB
    /// `MAX_INCOMPLETE_EVENT_SIZE`. A larger block stops the transfer as a protocol error.
    static let maxHeaderBlockBytes = 100 * 1024

    /// True once the blank line ending the last header block arrived (the response head is complete).
    var headersComplete: Bool { statusLine != nil && headerBlockEnded }

    /// One response header line (status line, header, or the blank line ending a block).
    /// Returns false to stop the transfer (the header block is over ``maxHeaderBlockBytes``).
    func headerReceived(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        if readTimeoutNanoseconds > 0 { lastReceiveNanoseconds = Clocks.monotonicNanoseconds() }
        let line = HeaderText.trimmingLineEnd(raw)
        if let status = HeaderText.statusLine(line) {
            statusLine = status
            responseHeaders.removeAll(keepingCapacity: true)
            headerBlockEnded = false
            headerBlockBytes = raw.count
            if status.status >= 200 { finalResponseStarted = true }
            return true
        }
        if !headerBlockEnded {
            headerBlockBytes += raw.count
            if headerBlockBytes > Self.maxHeaderBlockBytes {
                abort = (.protocolError, "the response header block exceeds \(Self.maxHeaderBlockBytes / 1024) KiB (httpx's limit)")
                return false
            }
        }
        return addHeaderLine(line)
    }

    private func addHeaderLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        if line.isEmpty {
            headerBlockEnded = true
            return true
        }
        // Lines after the final block are trailers: not part of the response headers.
        guard !headerBlockEnded, statusLine != nil else { return true }
        if HeaderText.isContinuation(line), let last = responseHeaders.indices.last {
            let more = HeaderText.trimmedText(line)
            if !more.isEmpty { responseHeaders[last].value += " " + more }
            return true
        }
        if let field = HeaderText.field(line) {
            if announcedLength < 0, field.name.utf8.count == 14, field.name.lowercased() == "content-length" {
                announcedLength = Int64(field.value) ?? -1
            }
            responseHeaders.append(field)
        }
        return true
    }

    /// Body bytes (decoded when decoding is on). Returns false to stop the transfer.
    func bodyReceived(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = Int64(bytes.count)
        if maxBodyBytes >= 0, bodySize + count > maxBodyBytes {
            abort = (.bodyTooLarge, "response body exceeds the limit of \(maxBodyBytes) bytes")
            return false
        }
        bodySize += count
        hasher.update(UnsafeRawBufferPointer(bytes))
        let room = captureLimit - body.count
        if room > 0 {
            if body.capacity == 0 {
                let expected = announcedLength > 0 ? Int(min(announcedLength, Int64(captureLimit))) : min(captureLimit, 16_384)
                body.reserveCapacity(max(expected, min(bytes.count, room)))
            }
            if bytes.count <= room {
                body.append(contentsOf: bytes)
            } else {
                body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<room]))
            }
        }
        return true
    }

    /// Reads the next piece of a `.file` body; -1 when reading failed.
    func readUpload(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        guard uploadDescriptor >= 0 else { return 0 }
        while true {
            let count = read(uploadDescriptor, buffer, capacity)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            abort = (.invalidRequest, "reading the request body file failed (errno \(errno))")
            return -1
        }
    }

    /// The progress callback: tracks when bytes last moved and stops the transfer on cancellation
    /// or when a read or write silence runs past its limit. Returns false to stop.
    func progress(downloaded dlnow: Int64, uploadTotal ultotal: Int64, uploaded ulnow: Int64) -> Bool {
        if let cancellation, cancellation.isCancelled {
            abort = (.interrupted, "the transfer was cancelled")
            return false
        }
        guard requestSent else { return true }  // still connecting: libcurl's connect timeout rules
        if ultotal > uploadTotal { uploadTotal = ultotal }
        guard readTimeoutNanoseconds > 0 || writeTimeoutNanoseconds > 0 else { return true }
        let now = Clocks.monotonicNanoseconds()
        if ulnow != uploaded {
            uploaded = ulnow
            lastSendNanoseconds = now
        }
        if dlnow != downloaded {
            downloaded = dlnow
            lastReceiveNanoseconds = now
        }
        if isSending {
            if writeTimeoutNanoseconds > 0, now - lastSendNanoseconds > writeTimeoutNanoseconds {
                abort = (.writeTimeout, "nothing could be sent for \(Self.seconds(writeTimeoutNanoseconds)) s (write timeout)")
                return false
            }
        } else if readTimeoutNanoseconds > 0,
                  now - max(lastReceiveNanoseconds, lastSendNanoseconds) > readTimeoutNanoseconds {
            abort = (.readTimeout, "nothing was received for \(Self.seconds(readTimeoutNanoseconds)) s (read timeout)")
            return false
        }
        return true
    }

    /// How long the driver may wait in `curl_multi_poll` before the progress callback must look
    /// again: at most 100 ms (cancellation), less when a silence limit is about to run out.
    func pollTimeoutMilliseconds() -> Int32 {
        var wait: Int64 = 100
        guard requestSent, abort == nil else { return Int32(wait) }
        let now = Clocks.monotonicNanoseconds()
        var deadline: Int64?
        if isSending {
            if writeTimeoutNanoseconds > 0 { deadline = lastSendNanoseconds + writeTimeoutNanoseconds }
        } else if readTimeoutNanoseconds > 0 {
            deadline = max(lastReceiveNanoseconds, lastSendNanoseconds) + readTimeoutNanoseconds
        }
        if let deadline {
            wait = min(wait, max(0, (deadline - now) / 1_000_000 + 1))
        }
        return Int32(wait)
    }

    /// True while the request body is still going out and no final response has begun.
    private var isSending: Bool {
        !finalResponseStarted && uploaded < uploadTotal
    }

    private static func nanoseconds(_ seconds: Double?) -> Int64 {
        guard let seconds, seconds.isFinite else { return 0 }
        return max(1, Int64((seconds * 1_000_000_000).rounded()))
    }

    private static func seconds(_ nanoseconds: Int64) -> String {
        let milliseconds = nanoseconds / 1_000_000
        return "\(milliseconds / 1000).\(String(milliseconds % 1000).leftPadded(to: 3))"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
