import Engine

/// Formatting shared by the export formats: timestamps, fixed-point milliseconds, names.
enum ExportText {
    /// `2024-05-01T12:34:56.789Z`: ISO 8601 in UTC with milliseconds (HAR's `startedDateTime`).
    static func isoTimestamp(_ seconds: Double) -> String {
        let (date, time, millis) = civil(seconds)
        return "\(date)T\(time).\(pad(millis, 3))Z"
    }

    /// `2024-05-01T12:34:56`: ISO 8601 in UTC without zone or fraction (the JUnit schema's `timestamp`).
    static func isoTimestampSeconds(_ seconds: Double) -> String {
        let (date, time, _) = civil(seconds)
        return "\(date)T\(time)"
    }

    /// `2024-05-01 12:34:56 UTC`, for people.
    static func readableTimestamp(_ seconds: Double) -> String {
        let (date, time, _) = civil(seconds)
        return "\(date) \(time) UTC"
    }

    /// Microseconds as milliseconds with three decimals: `12345` → `12.345`, `-1000` → `-1.000`.
    static func millis(_ micros: Int64) -> String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        return "\(sign)\(magnitude / 1000).\(pad(Int(magnitude % 1000), 3))"
    }

    /// Microseconds as seconds with three decimals (JUnit's `time`).
    static func seconds(_ micros: Int64) -> String {
        millis((micros + 500) / 1000)
    }

    /// A duration for people: `0.42 ms`, `12.3 ms`, `1520 ms`, `12.4 s`.
    static func duration(_ micros: Int64) -> String {
        if micros < 1000 { return "\(micros / 10 / 100).\(pad(Int(micros / 10 % 100), 2)) ms" }
        if micros < 100_000 { let tenths = (micros + 50) / 100; return "\(tenths / 10).\(tenths % 10) ms" }
        if micros < 10_000_000 { return "\((micros + 500) / 1000) ms" }
        let tenths = (micros + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10) s"
    }

    /// A byte count for people: `512 B`, `1.5 KiB`, `3.2 MiB`.
    static func bytes(_ n: Int64) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1024 * 1024 { let t = (n * 10 + 512) / 1024; return "\(t / 10).\(t % 10) KiB" }
        let t = (n * 10 + 524_288) / 1_048_576
        return "\(t / 10).\(t % 10) MiB"
    }

    /// The name a request is known by in reports: its id (`users/create`), i.e. group path plus name.
    static func displayName(_ result: RequestResult) -> String {
        result.requestID.isEmpty ? result.name : result.requestID
    }

    /// `httpx.ConnectError: message`.
    static func pythonErrorLine(_ error: PythonError) -> String {
        error.message.isEmpty ? error.type : "\(error.type): \(error.message)"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// (`YYYY-MM-DD`, `hh:mm:ss`, milliseconds) in UTC, by Howard Hinnant's civil-from-days algorithm.
    private static func civil(_ seconds: Double) -> (String, String, Int) {
        let totalMillis = seconds.isFinite ? Int64((seconds * 1000).rounded()) : 0
        var days = totalMillis / 86_400_000
        var rest = totalMillis % 86_400_000
        if rest < 0 { rest += 86_400_000; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let ms = Int(rest % 1000)
        let secs = Int(rest / 1000)
        let date = "\(pad(Int(year), 4))-\(pad(Int(month), 2))-\(pad(Int(day), 2))"
        let time = "\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))"
        return (date, time, ms)
    }
}
