/// A value bound to a statement parameter.
enum SQLValue {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])

    static func int(_ value: Int) -> SQLValue { .int(Int64(value)) }
    static func bool(_ value: Bool) -> SQLValue { .int(value ? 1 : 0) }
    static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    static func int(_ value: Int?) -> SQLValue { value.map { .int(Int64($0)) } ?? .null }
    static func int(_ value: Int64?) -> SQLValue { value.map { .int($0) } ?? .null }
    static func double(_ value: Double?) -> SQLValue { value.map { .double($0) } ?? .null }
}
