import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 that never accepts or reads: the kernel completes handshakes into
/// the backlog and buffers what arrives, so a client stalls once the buffers fill. With the backlog
/// full, new connection attempts hang (SYNs are dropped), which makes a connect timeout testable.
final class TransportSilentListener {
    let port: Int
    private let descriptor: Int32
    private var fillers: [Int32] = []

    init?(backlog: Int32 = 16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, backlog) == 0 else {
            close(fd)
            return nil
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Opens `count` client connections nobody accepts, filling the backlog.
    func fillBacklog(_ count: Int) {
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            fillers.append(fd)
        }
        usleep(50_000)
    }

    deinit {
        for fd in fillers { close(fd) }
        close(descriptor)
    }

    /// A port nobody listens on (bound, then closed).
    static func closedPort() -> Int? {
        guard let listener = TransportSilentListener() else { return nil }
        return listener.port
    }
}

/// A one-shot HTTP/1.1 server on 127.0.0.1 that answers one request with a body sent in pieces,
/// sleeping `gap` seconds before each piece: a slow but steady (or a stalling) response.
final class TransportTrickleServer: @unchecked Sendable {
    let port: Int
    private let descriptor: Int32

    init?(pieces: Int, pieceSize: Int, gap: Double) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 4) == 0 else {
            close(fd)
            return nil
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            defer { close(client) }
            var request = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !request.suffix(4).elementsEqual([13, 10, 13, 10]) {
                let count = recv(client, &buffer, buffer.count, 0)
                if count <= 0 { return }
                request.append(contentsOf: buffer[0..<count])
            }
            let head = "HTTP/1.1 200 OK\r\nContent-Length: \(pieces * pieceSize)\r\n\r\n"
            _ = head.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            let piece = [UInt8](repeating: 0x2E, count: pieceSize)
            for _ in 0..<pieces {
                usleep(useconds_t(gap * 1_000_000))
                if send(client, piece, piece.count, Int32(MSG_NOSIGNAL)) < 0 { return }
            }
            usleep(200_000)
        }
        thread.start()
    }

    deinit {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }
}
