#if canImport(Glibc)
import Glibc
#endif

/// When to colour output.
enum ColorChoice: String, CaseIterable {
    case auto, always, never
}

/// Where output goes and how it may look: colour, width, whether it is a terminal.
struct Terminal: @unchecked Sendable {
    let fd: Int32
    let isTTY: Bool
    let color: Bool

    static let stdout = Terminal(fd: 1, choice: .auto)
    static let stderr = Terminal(fd: 2, choice: .auto)

    init(fd: Int32, choice: ColorChoice, environment: [String: String] = ProcessEnvironment.all) {
        self.fd = fd
        self.isTTY = isatty(fd) == 1
        switch choice {
        case .always: color = true
        case .never: color = false
        case .auto:
            let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            color = isTTY && !noColor && environment["TERM"] != "dumb"
        }
    }

    /// Columns of the terminal (80 when unknown or not a terminal; `COLUMNS` wins).
    var width: Int {
        if let columns = ProcessEnvironment.all["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        var size = winsize()
        if isTTY, ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 80
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }

    func line(_ text: String = "") { write(text + "\n") }

    func printError(_ message: String) {
        let prefix = paint("error:", .red, bold: true)
        line("\(prefix) \(message)")
    }

    enum Color: Int {
        case red = 31, green = 32, yellow = 33, blue = 34, magenta = 35, cyan = 36, gray = 90
    }

    func paint(_ text: String, _ colour: Color, bold: Bool = false) -> String {
        guard color else { return text }
        return "\u{1B}[\(bold ? "1;" : "")\(colour.rawValue)m\(text)\u{1B}[0m"
    }

    func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}

/// The process environment as a dictionary (without Foundation).
enum ProcessEnvironment {
    static let all: [String: String] = {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                result[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            pointer += 1
        }
        return result
    }()
}
