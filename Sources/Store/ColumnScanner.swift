#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A cursor over the bytes of one stored JSON column, reading the compact text `ColumnCoding.*Text`
/// writes (no whitespace) token by token, for decoders that go straight to the model.
///
/// Every read returns `nil` (or `false`) on anything it does not expect, and does not say why: its
/// callers then hand the column to the general path (`JSONParser` and `ColumnCoding`), which accepts
/// every spelling of the same JSON and names the fault of a corrupt column.
struct ColumnScanner {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// True once every byte has been read.
    var atEnd: Bool { index == bytes.count }

    /// Reads `text` (ASCII punctuation and member names, `"key":`) when it comes next.
    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count, let base = bytes.baseAddress,
              memcmp(base + index, text.utf8Start, count) == 0 else { return false }
        index += count
        return true
    }

    /// Reads one byte when it is `byte`.
    mutating func byte(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Reads `true` or `false`.
    mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// Reads an integer written as plain digits (an optional `-`, no leading zeros, at most 15 digits: every
    /// such number is exact as the `Double` the general path reads first, so both give the same `Int`).
    mutating func integer() -> Int? {
        var i = index
        let negative = i < bytes.count && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let first = i
        var value = 0
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            i += 1
        }
        let digits = i - first
        guard digits >= 1, digits <= 15, digits == 1 || bytes[first] != UInt8(ascii: "0") else { return nil }
        // A fraction or an exponent follows: leave it to the general path.
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            return nil
        }
        index = i
        return negative ? -value : value
    }

    /// Reads a string, shared from `reuse`'s `slot` when its stored bytes are the slot's (kept there otherwise).
    mutating func string(reusing reuse: inout ColumnStringReuse, slot: Int) -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        if let (value, count) = reuse.match(slot, bytes, at: index + 1) {
            index += count + 2
            return value
        }
        let start = index + 1
        guard let value = string() else { return nil }
        reuse.store(slot, raw: UnsafeRawBufferPointer(rebasing: bytes[start..<(index - 1)]), value: value)
        return value
    }

    /// Reads a string: its bytes when it has no escapes (validated as UTF-8 unless all ASCII), decoded
    /// escape by escape otherwise. Control characters, invalid UTF-8, bad escapes and unpaired
    /// surrogates give `nil`.
    mutating func string() -> String? {
        guard byte(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var high: UInt8 = 0
        var i = index
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let run = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
                let text = high < 0x80 ? String(decoding: run, as: UTF8.self) : String(validating: run, as: UTF8.self)
                index = i + 1
                return text
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { return nil }
            high |= b
            i += 1
        }
        guard i < bytes.count else { return nil }
        index = i
        return escapedString(from: start, high: high)
    }

    /// The rest of a string that holds an escape at `index`; the string's bytes begin at `start`.
    private mutating func escapedString(from start: Int, high: UInt8) -> String? {
        var high = high
        var decoded: [UInt8] = []
        decoded.reserveCapacity(index - start + 32)
        decoded.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                // Escapes add whole, valid sequences only, so the text is valid exactly when its raw runs are.
                return high < 0x80 ? String(decoding: decoded, as: UTF8.self) : String(validating: decoded, as: UTF8.self)
            }
            if b < 0x20 { return nil }
            if b != UInt8(ascii: "\\") {
                high |= b
                decoded.append(b)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { return nil }
            let e = bytes[index + 1]
            index += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(e)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                guard let scalar = unicodeEscape() else { return nil }
                decoded.append(contentsOf: scalar.utf8)
            default: return nil
            }
        }
        return nil
    }

    /// The scalar of a `\uXXXX` escape whose `\u` was just read (a surrogate pair takes both escapes).
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let first = hex4() else { return nil }
        guard (0xD800...0xDBFF).contains(first) else { return Unicode.Scalar(first) }
        guard literal("\\u"), let second = hex4(), (0xDC00...0xDFFF).contains(second) else { return nil }
        return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
    }

    private mutating func hex4() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value * 16 + UInt32(digit)
            index += 1
        }
        return value
    }
}
