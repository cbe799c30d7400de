/// How `JSONParser` builds the nodes of a document: one parser, two trees — located (collections, whose
/// errors name a line and column) or plain (stored JSON read back, where counting columns is wasted work).
protocol JSONNodeBuilder {
    associatedtype Node
    associatedtype Members
    /// Whether nodes keep where they start; when false the parser passes a placeholder location.
    static var locates: Bool { get }
    static func null(_ at: SourceLocation) -> Node
    static func bool(_ value: Bool, _ at: SourceLocation) -> Node
    static func number(_ value: Double, _ at: SourceLocation) -> Node
    static func string(_ value: String, _ at: SourceLocation) -> Node
    static func array(_ items: [Node], _ at: SourceLocation) -> Node
    static var noMembers: Members { get }
    static func add(_ key: String, _ keyAt: SourceLocation, _ value: Node, to members: inout Members)
    static func object(_ members: Members, _ at: SourceLocation) -> Node
}

/// Builds `LocatedJSON`: every node and key with its place in the source.
enum LocatedNodes: JSONNodeBuilder {
    static let locates = true
    static func null(_ at: SourceLocation) -> LocatedJSON { .null(at) }
    static func bool(_ value: Bool, _ at: SourceLocation) -> LocatedJSON { .bool(value, at) }
    static func number(_ value: Double, _ at: SourceLocation) -> LocatedJSON { .number(value, at) }
    static func string(_ value: String, _ at: SourceLocation) -> LocatedJSON { .string(value, at) }
    static func array(_ items: [LocatedJSON], _ at: SourceLocation) -> LocatedJSON { .array(items, at) }
    static var noMembers: [(key: String, keyLocation: SourceLocation, value: LocatedJSON)] { [] }
    static func add(_ key: String, _ keyAt: SourceLocation, _ value: LocatedJSON,
                    to members: inout [(key: String, keyLocation: SourceLocation, value: LocatedJSON)]) {
        members.append((key, keyAt, value))
    }
    static func object(_ members: [(key: String, keyLocation: SourceLocation, value: LocatedJSON)], _ at: SourceLocation) -> LocatedJSON {
        .object(members, at)
    }
}

/// Builds `JSONValue` directly, locations dropped.
enum PlainNodes: JSONNodeBuilder {
    static let locates = false
    static func null(_ at: SourceLocation) -> JSONValue { .null }
    static func bool(_ value: Bool, _ at: SourceLocation) -> JSONValue { .bool(value) }
    static func number(_ value: Double, _ at: SourceLocation) -> JSONValue { .number(value) }
    static func string(_ value: String, _ at: SourceLocation) -> JSONValue { .string(value) }
    static func array(_ items: [JSONValue], _ at: SourceLocation) -> JSONValue { .array(items) }
    static var noMembers: [(key: String, value: JSONValue)] { [] }
    static func add(_ key: String, _ keyAt: SourceLocation, _ value: JSONValue, to members: inout [(key: String, value: JSONValue)]) {
        members.append((key, value))
    }
    static func object(_ members: [(key: String, value: JSONValue)], _ at: SourceLocation) -> JSONValue {
        .object(JSONObject(members))
    }
}
