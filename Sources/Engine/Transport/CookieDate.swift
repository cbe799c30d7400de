/// RFC 6265 §5.1.1 cookie-date parsing: the lenient algorithm browsers use for `Expires`.
enum CookieDate {
    /// Seconds since 1970 (UTC), or `nil` when the text is not a cookie date.
    static func parse(_ text: String) -> Double? {
        var time: (Int, Int, Int)?
        var day: Int?
        var month: Int?
        var year: Int?
        for token in tokens(text) {
            if time == nil, let parsed = timeValue(token) {
                time = parsed
            } else if day == nil, let parsed = digits(token, min: 1, max: 2) {
                day = parsed
            } else if month == nil, let parsed = monthValue(token) {
                month = parsed
            } else if year == nil, let parsed = digits(token, min: 2, max: 4) {
                year = parsed
            }
        }
        guard let (hour, minute, second) = time, let day, let month, var year else { return nil }
        if (70...99).contains(year) { year += 1900 } else if (0...69).contains(year) { year += 2000 }
        guard (1...31).contains(day), year >= 1601, hour <= 23, minute <= 59, second <= 59,
              day <= daysIn(month: month, year: year) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second)
    }

    /// Tokens between delimiters (%x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E).
    private static func tokens(_ text: String) -> [Substring.UTF8View] {
        text.utf8.split { byte in
            byte == 0x09 || (0x20...0x2F).contains(byte) || (0x3B...0x40).contains(byte)
                || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
        }.map { Substring($0).utf8 }
    }

    /// 1*max DIGIT at least `min` long, optionally followed by non-digits.
    private static func digits(_ token: Substring.UTF8View, min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        for byte in token {
            guard byte >= 0x30, byte <= 0x39 else { break }
            value = value * 10 + Int(byte - 0x30)
            count += 1
            if count > max { return nil }
        }
        return count >= min ? value : nil
    }

    /// hms-time: 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT, optionally followed by non-digits.
    private static func timeValue(_ token: Substring.UTF8View) -> (Int, Int, Int)? {
        var fields: [Int] = []
        var current = 0
        var count = 0
        for byte in token {
            if byte >= 0x30, byte <= 0x39 {
                current = current * 10 + Int(byte - 0x30)
                count += 1
                if count > 2 { return nil }
            } else if byte == UInt8(ascii: ":"), fields.count < 2, count > 0 {
                fields.append(current)
                current = 0
                count = 0
            } else {
                break
            }
        }
        guard fields.count == 2, count > 0 else { return nil }
        return (fields[0], fields[1], current)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func monthValue(_ token: Substring.UTF8View) -> Int? {
        guard token.count >= 3 else { return nil }
        let prefix = String(decoding: token.prefix(3), as: UTF8.self).lowercased()
        return months.firstIndex(of: prefix).map { $0 + 1 }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
