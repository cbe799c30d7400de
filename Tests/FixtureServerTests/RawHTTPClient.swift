import Glibc

/// A raw TCP client for what curl cannot show: pipelined requests, exact bytes on the wire,
/// and whether the server closed the connection.
struct RawHTTPClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A connected TCP socket to 127.0.0.1:`port` whose reads give up after `silence` seconds without data.
    static func connect(port: Int, silence: Double) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        var timeout = timeval(tv_sec: Int(silence), tv_usec: Int((silence - silence.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let failure = errno
            close(fd)
            throw Failure(description: "connect() failed: \(failure)")
        }
        return fd
    }

    /// Writes all of `bytes`; false when the peer closed before taking them all (it may have answered already).
    @discardableResult
    static func send(_ bytes: [UInt8], on fd: Int32) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return false }
            sent += written
        }
        return true
    }

    /// Sends `request` bytes to 127.0.0.1:`port` and reads until the server closes the
    /// connection or `timeoutSeconds` pass without data. Returns the bytes and whether EOF was seen.
    /// When the server closes before taking the whole request (a refused oversized head), what it answered is read.
    static func exchange(port: Int, request: String, timeoutSeconds: Int = 5) throws -> (bytes: [UInt8], closed: Bool) {
        try exchange(port: port, bytes: Array(request.utf8), timeoutSeconds: timeoutSeconds)
    }

    static func exchange(port: Int, bytes: [UInt8], timeoutSeconds: Int = 5) throws -> (bytes: [UInt8], closed: Bool) {
        let fd = try connect(port: port, silence: Double(timeoutSeconds))
        defer { close(fd) }
        send(bytes, on: fd)

        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received.append(contentsOf: buffer[0..<count])
            } else if count == 0 {
                return (received, true)
            } else {
                return (received, false)  // timed out: the connection stayed open
            }
        }
    }
}

extension [UInt8] {
    /// The number of non-overlapping occurrences of `needle`.
    func occurrences(of needle: String) -> Int {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, count >= pattern.count else { return 0 }
        var found = 0
        var index = 0
        while index <= count - pattern.count {
            if self[index..<index + pattern.count].elementsEqual(pattern) {
                found += 1
                index += pattern.count
            } else {
                index += 1
            }
        }
        return found
    }
}
