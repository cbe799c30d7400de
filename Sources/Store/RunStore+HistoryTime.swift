#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Points in time as history commands take them (`--since`, `prune --older-than`):
/// a date `2026-11-01` (local midnight), a date-time `2026-11-01T14:30[:05]` (local; `Z` or `+02:00` for
/// another zone; a space may replace the `T`), or a duration back from now: `90s`, `30m`, `2h`, `7d`, `2w`,
/// combinable as `1h30m`.
public enum HistoryTime {
    /// Seconds since 1970 for `text`, or `nil` when it is none of the accepted forms.
    public static func parse(_ text: String, now: Double) -> Double? {
        if let seconds = duration(Array(text.utf8)) { return now - seconds }
        return dateTime(Array(text.utf8))
    }

    /// The accepted forms, for error messages.
    public static let formats = "a date (2026-11-01), a date-time (2026-11-01T14:30, local time; Z or +02:00 for another zone) or a duration (30m, 2h, 7d, 1h30m)"

    /// `1h30m` → 5400; `nil` unless the whole text is number+unit pairs.
    static func duration(_ bytes: [UInt8]) -> Double? {
        guard !bytes.isEmpty else { return nil }
        var total = 0.0
        var number: Int?
        for byte in bytes {
            if (0x30...0x39).contains(byte) {
                let digit = Int(byte - 0x30)
                let (times, overflow1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times.addingReportingOverflow(digit)
                guard !overflow1, !overflow2 else { return nil }
                number = next
                continue
            }
            guard let value = number else { return nil }
            let unit: Double
            switch byte {
            case UInt8(ascii: "s"): unit = 1
            case UInt8(ascii: "m"): unit = 60
            case UInt8(ascii: "h"): unit = 3600
            case UInt8(ascii: "d"): unit = 86_400
            case UInt8(ascii: "w"): unit = 604_800
            default: return nil
            }
            total += Double(value) * unit
            number = nil
        }
        return number == nil ? total : nil
    }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS]][Z|±HH:MM]`.
    static func dateTime(_ b: [UInt8]) -> Double? {
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for byte in b[i..<(i + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            i += count
            return value
        }
        func expect(_ char: Character) -> Bool {
            guard i < b.count, b[i] == char.asciiValue else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        if i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") {
            i += 1
            guard let h = digits(2), expect(":"), let m = digits(2), (0...23).contains(h), (0...59).contains(m) else { return nil }
            hour = h
            minute = m
            if expect(":") {
                guard let s = digits(2), (0...60).contains(s) else { return nil }
                second = s
            }
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        if i == b.count {
            parts.tm_isdst = -1
            let local = mktime(&parts)
            return local == -1 ? nil : Double(local)
        }
        // An explicit zone: `Z` or `±HH:MM`.
        var offset = 0
        if expect("Z") || expect("z") {
            offset = 0
        } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let h = digits(2), expect(":"), let m = digits(2), h <= 23, m <= 59 else { return nil }
            offset = sign * (h * 3600 + m * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let utc = timegm(&parts)
        return utc == -1 ? nil : Double(utc - offset)
    }
}
