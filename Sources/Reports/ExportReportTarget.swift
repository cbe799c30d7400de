/// One `--report FORMAT:FILE` of `workbench run`: which format to write where.
public struct ReportTarget: Sendable, Hashable {
    public var format: ExportFormat
    public var path: String

    public init(format: ExportFormat, path: String) {
        self.format = format
        self.path = path
    }

    /// Parses `FORMAT:FILE` (`junit:out/results.xml`); the error is a sentence for the user.
    public static func parse(_ text: String) -> Result<ReportTarget, ReportTargetError> {
        guard let colon = text.firstIndex(of: ":") else {
            return .failure(ReportTargetError(message: "--report \(text): expected FORMAT:FILE, e.g. junit:results.xml"))
        }
        let name = String(text[..<colon]).lowercased()
        let path = String(text[text.index(after: colon)...])
        guard let format = ExportFormat(rawValue: name) else {
            let known = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(ReportTargetError(message: "--report \(text): unknown format '\(name)' (known: \(known))"))
        }
        guard !path.isEmpty else {
            return .failure(ReportTargetError(message: "--report \(text): the file name is missing"))
        }
        return .success(ReportTarget(format: format, path: path))
    }

    /// The file for one profile's run: `path` itself when one profile runs, else `-PROFILE` inserted before
    /// the extension (`out/report.xml` → `out/report-native.xml`; `out/report` → `out/report-native`).
    public func path(profile: String, severalProfiles: Bool) -> String {
        guard severalProfiles else { return path }
        let safe = String(profile.map { $0 == "/" || $0 == "\\" ? "_" : $0 })
        let nameStart = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        if let dot = path[nameStart...].lastIndex(of: "."), dot != nameStart {
            return path[..<dot] + "-" + safe + path[dot...]
        }
        return path + "-" + safe
    }
}

/// A malformed `--report` value.
public struct ReportTargetError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
