/// Checks on header names and values taken from query parameters, so a request cannot
/// inject extra header lines or break the response framing.
enum HeaderSafety {
    /// Header names the handler frames itself; query parameters may not set them.
    private static let framingNames: Set<String> = ["content-length", "transfer-encoding", "connection"]

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    return true
                default:
                    return "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
            }
    }

    static func isValidValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 != 0x0D && $0 != 0x0A && $0 != 0x00 }
    }

    static func checkValue(_ value: String, for parameter: String) throws(BadRequest) {
        guard isValidValue(value) else { throw BadRequest("\(parameter) must not contain CR, LF or NUL") }
    }

    /// Parses `Name:Value` from a `header=` parameter.
    static func parseHeaderParameter(_ parameter: String, named: String) throws(BadRequest) -> (String, String) {
        guard let colon = parameter.firstIndex(of: ":") else {
            throw BadRequest("\(named) must look like Name:Value")
        }
        let name = String(parameter[..<colon])
        let value = String(parameter[parameter.index(after: colon)...].drop { $0 == " " || $0 == "\t" })
        guard isValidName(name) else { throw BadRequest("\(named) has an invalid header name") }
        guard !framingNames.contains(name.lowercased()) else {
            throw BadRequest("\(named) cannot set \(name); the server frames responses itself")
        }
        try checkValue(value, for: named)
        return (name, value)
    }
}
