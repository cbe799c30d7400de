import FoundationEssentials

/// The built-in generators, spelled as in VS Code REST Client / httpyac so imported `.http` files keep working.
///
/// - `{{$guid}}`, `{{$uuid}}`: a random UUID v4, lowercase.
/// - `{{$timestamp}}`, `{{$timestamp -1 d}}`: Unix time in seconds, optionally offset.
/// - `{{$datetime iso8601}}`, `{{$datetime rfc1123 1 h}}`: the current UTC time, optionally offset.
/// - `{{$randomInt MIN MAX}}`: a random integer, MIN included, MAX excluded (REST Client's semantics).
/// - `{{$processEnv NAME}}`: the value of an environment variable of the workbench process.
///
/// Offset units: `y` years, `M` months, `w` weeks, `d` days, `h` hours, `m` minutes, `s` seconds, `ms` milliseconds.
enum Generators {
    /// Known generator names, in the order the documentation lists them.
    static let names = ["guid", "uuid", "timestamp", "datetime", "randomInt", "processEnv"]
    static let offsetUnits = ["y", "M", "w", "d", "h", "m", "s", "ms"]
    static let datetimeFormats = ["iso8601", "rfc1123"]

    /// Checks a generator's name and arguments when a template is parsed.
    static func validate(name: String, arguments: [String]) throws(InputError) {
        switch name {
        case "guid", "uuid":
            guard arguments.isEmpty else { throw InputError("{{$\(name)}} takes no arguments") }
        case "timestamp":
            guard arguments.isEmpty || arguments.count == 2 else {
                throw InputError("{{$timestamp}} takes no arguments or an offset and a unit, e.g. {{$timestamp -1 d}}")
            }
            if arguments.count == 2 { try validateOffset(arguments[0], arguments[1], generator: name) }
        case "datetime":
            guard arguments.count == 1 || arguments.count == 3 else {
                throw InputError("{{$datetime}} takes a format (iso8601 or rfc1123) and an optional offset, e.g. {{$datetime iso8601 1 h}}")
            }
            guard datetimeFormats.contains(arguments[0]) else {
                throw InputError("unsupported {{$datetime}} format '\(arguments[0])'; use iso8601 or rfc1123")
            }
            if arguments.count == 3 { try validateOffset(arguments[1], arguments[2], generator: name) }
        case "randomInt":
            guard arguments.count == 2, let low = Int(arguments[0]), let high = Int(arguments[1]) else {
                throw InputError("{{$randomInt}} takes two integers, MIN (included) and MAX (excluded), e.g. {{$randomInt 1 100}}")
            }
            guard low < high else { throw InputError("{{$randomInt \(low) \(high)}}: MIN must be less than MAX (MAX is excluded)") }
        case "processEnv":
            guard arguments.count == 1 else {
                throw InputError("{{$processEnv}} takes the name of one environment variable, e.g. {{$processEnv HOME}}")
            }
        default:
            let list = names.map { "$" + $0 }.joined(separator: ", ")
            let suggestion = Suggestions.didYouMean("$" + name, among: names.map { "$" + $0 })
            throw InputError("unknown generator '$\(name)'\(suggestion) (generators: \(list))")
        }
    }

    /// The largest offset in each unit, about 10,000 years, so that shifting the current time can never overflow
    /// (`{{$timestamp 9223372036854775807 s}}` used to trap).
    static let offsetLimits: [String: Int64] = [
        "y": 10_000, "M": 120_000, "w": 521_775, "d": 3_652_425, "h": 87_658_200, "m": 5_259_492_000,
        "s": 315_569_520_000, "ms": 315_569_520_000_000,
    ]

    private static func validateOffset(_ amount: String, _ unit: String, generator: String) throws(InputError) {
        guard let value = Int64(amount) else { throw InputError("{{$\(generator)}} offset '\(amount)' must be an integer, e.g. -1") }
        guard offsetUnits.contains(unit), let limit = offsetLimits[unit] else {
            throw InputError("{{$\(generator)}} offset unit '\(unit)' is unknown; use one of \(offsetUnits.joined(separator: ", "))")
        }
        guard value >= -limit && value <= limit else {
            throw InputError("{{$\(generator)}} offset '\(amount) \(unit)' is too large; an offset may reach 10,000 years either way (at most \(limit) \(unit))")
        }
    }

    /// Produces a generator's text. `environment` is the process environment for `$processEnv`.
    static func evaluate(name: String, arguments: [String], environment: [String: String], now: Date = Date()) throws(InputError) -> String {
        try validate(name: name, arguments: arguments)
        let milliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        switch name {
        case "guid", "uuid":
            return UUID().uuidString.lowercased()
        case "timestamp":
            let shifted = arguments.count == 2 ? offset(milliseconds, arguments[0], arguments[1]) : milliseconds
            return String(floorDivide(shifted, 1000))
        case "datetime":
            let shifted = arguments.count == 3 ? offset(milliseconds, arguments[1], arguments[2]) : milliseconds
            return arguments[0] == "rfc1123" ? UTCDate(milliseconds: shifted).rfc1123 : UTCDate(milliseconds: shifted).iso8601
        case "randomInt":
            guard let low = Int(arguments[0]), let high = Int(arguments[1]), low < high else { return "" }
            return String(Int.random(in: low..<high))
        case "processEnv":
            guard let value = environment[arguments[0]] else {
                throw InputError("environment variable '\(arguments[0])' is not set ({{$processEnv \(arguments[0])}}); export it before running")
            }
            return value
        default:
            return ""
        }
    }

    private static func offset(_ milliseconds: Int64, _ amountText: String, _ unit: String) -> Int64 {
        let amount = Int64(amountText) ?? 0
        switch unit {
        case "ms": return milliseconds + amount
        case "s": return milliseconds + amount * 1000
        case "m": return milliseconds + amount * 60_000
        case "h": return milliseconds + amount * 3_600_000
        case "d": return milliseconds + amount * 86_400_000
        case "w": return milliseconds + amount * 604_800_000
        case "M": return UTCDate(milliseconds: milliseconds).addingMonths(amount).milliseconds
        case "y": return UTCDate(milliseconds: milliseconds).addingMonths(amount * 12).milliseconds
        default: return milliseconds
        }
    }
}

/// Floor division for possibly negative times.
func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// A UTC calendar date computed arithmetically (proleptic Gregorian), so formatting needs no locale data.
struct UTCDate {
    var year: Int64, month: Int64, day: Int64
    var millisecondOfDay: Int64

    init(milliseconds: Int64) {
        let days = floorDivide(milliseconds, 86_400_000)
        millisecondOfDay = milliseconds - days * 86_400_000
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    var daysSinceEpoch: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    var milliseconds: Int64 { daysSinceEpoch * 86_400_000 + millisecondOfDay }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Calendar months later (or earlier), the day clamped to the target month's length.
    func addingMonths(_ count: Int64) -> UTCDate {
        var copy = self
        let index = year * 12 + (month - 1) + count
        copy.year = floorDivide(index, 12)
        copy.month = index - copy.year * 12 + 1
        copy.day = min(day, UTCDate.daysIn(month: copy.month, year: copy.year))
        return copy
    }

    private static func pad(_ n: Int64, _ width: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private var clock: (h: Int64, m: Int64, s: Int64, ms: Int64) {
        (millisecondOfDay / 3_600_000, millisecondOfDay / 60_000 % 60, millisecondOfDay / 1000 % 60, millisecondOfDay % 1000)
    }

    /// `2024-01-02T03:04:05.678Z`
    var iso8601: String {
        let c = clock
        return "\(UTCDate.pad(year, 4))-\(UTCDate.pad(month, 2))-\(UTCDate.pad(day, 2))T"
            + "\(UTCDate.pad(c.h, 2)):\(UTCDate.pad(c.m, 2)):\(UTCDate.pad(c.s, 2)).\(UTCDate.pad(c.ms, 3))Z"
    }

    /// `Tue, 02 Jan 2024 03:04:05 GMT`
    var rfc1123: String {
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[Int(daysSinceEpoch - floorDivide(daysSinceEpoch, 7) * 7)]
        let c = clock
        return "\(weekday), \(UTCDate.pad(day, 2)) \(months[Int(month - 1)]) \(UTCDate.pad(year, 4)) "
            + "\(UTCDate.pad(c.h, 2)):\(UTCDate.pad(c.m, 2)):\(UTCDate.pad(c.s, 2)) GMT"
    }
}
