import Testing

@testable import FixtureServer

@Suite struct CodecTests {
    @Test func jsonParserRoundTrips() throws {
        let text = #"{"a":[1,-2.5e3,true,false,null],"s":"q\"\\\n\u00e9\ud83d\ude00","o":{}}"#
        let parsed = try #require(JSONParser.parse(Array(text.utf8)))
        #expect(parsed.text == #"{"a":[1,-2.5e3,true,false,null],"s":"q\"\\\né😀","o":{}}"#)
    }

    @Test func jsonParserRejectsNonJSON() {
        for text in ["", "{", "[1,]", "01", "1.", "\"\u{01}\"", "{\"a\" 1}", "tru", "[1] x", String(repeating: "[", count: 10_000)] {
            #expect(JSONParser.parse(Array(text.utf8)) == nil, "\(text.prefix(20))")
        }
    }

    @Test func base64() {
        #expect(Base64.encode(Array("Man".utf8)) == "TWFu")
        #expect(Base64.encode(Array("Ma".utf8)) == "TWE=")
        #expect(Base64.decode("TWE") == Array("Ma".utf8))
        #expect(Base64.decode("TWE=") == Array("Ma".utf8))
        #expect(Base64.decode("A") == nil)
        #expect(Base64.decode("TW=E") == nil)
    }

    @Test func crc32MatchesKnownValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func patternSlicesFollowTheFormula() {
        let slice = PatternBytes.slice(offset: 1000, length: 600)
        #expect(slice.readableBytes == 600)
        #expect(Array(slice.readableBytesView).enumerated().allSatisfy { $0.element == UInt8((1000 + $0.offset) % 251) })
    }
}
