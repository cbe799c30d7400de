import Testing
@testable import Engine

/// SHA-256 from libcrypto against the FIPS 180-2 test vectors, and the body hasher's second thread against
/// hashing inline: the same digest whatever the chunking and the thread.
@Suite struct SHA256HasherTests {
    static let millionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

    @Test func knownVectors() {
        #expect(SHA256Hasher.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hasher.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hasher.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256Hasher.hex(of: [UInt8](repeating: 0x61, count: 1_000_000)) == Self.millionA)
    }

    @Test func finalizeStartsANewMessage() {
        let hasher = SHA256Hasher()
        hasher.update(Array("ab".utf8))
        hasher.update(Array("c".utf8))
        #expect(hasher.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hasher.finalizeHex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    private func feed(_ hasher: BodyHasher, _ bytes: [UInt8], chunk: Int) {
        bytes.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                let end = min(all.count, offset + chunk)
                hasher.update(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                offset = end
            }
        }
    }

    @Test(arguments: [(0, 7_919), (100, 1), (0, 1 << 20), (1 << 20, 100 * 1024)])
    func secondThreadGivesTheSameDigest(_ inlineLimit: Int, _ chunk: Int) {
        let hasher = BodyHasher(overlap: true, inlineLimit: inlineLimit)
        let size = chunk == 1 ? 300_000 : 1_000_000
        feed(hasher, [UInt8](repeating: 0x61, count: size), chunk: chunk)
        let expected = size == 1_000_000 ? Self.millionA : SHA256Hasher.hex(of: [UInt8](repeating: 0x61, count: size))
        #expect(hasher.finalizeHex() == expected)
    }

    @Test func moreThanTheRingHoldsAndReuse() {
        // 20 MiB wraps the 8-slot ring twice; then the same hasher takes a second, small body.
        var bytes = [UInt8](repeating: 0, count: 20 << 20)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 31 &+ i >> 11) }
        let threaded = BodyHasher(overlap: true, inlineLimit: 0)
        feed(threaded, bytes, chunk: 100 * 1024 + 3)
        let inline = BodyHasher(overlap: false)
        feed(inline, bytes, chunk: 100 * 1024 + 3)
        let digest = threaded.finalizeHex()
        #expect(digest == inline.finalizeHex())
        #expect(digest == SHA256Hasher.hex(of: bytes))
        feed(threaded, Array("abc".utf8), chunk: 3)
        #expect(threaded.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func resetMidBodyForgetsIt() {
        let hasher = BodyHasher(overlap: true, inlineLimit: 0)
        feed(hasher, [UInt8](repeating: 0x62, count: 3 << 20), chunk: 65_536)
        hasher.reset()  // a transfer stopped midway; the pipeline is ended and waited for
        feed(hasher, [UInt8](repeating: 0x61, count: 1_000_000), chunk: 65_536)
        #expect(hasher.finalizeHex() == Self.millionA)
    }
}
