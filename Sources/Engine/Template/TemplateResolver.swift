/// Resolves templates against a `VariableScope`: variables, recursive variable values, generators.
public enum TemplateResolver {
    /// Where variables can come from, for "unknown variable" messages.
    static let variableSources =
        "define it in the collection's \"variables\", in the selected environment (--env), with --var NAME=VALUE, or capture it in an earlier request"

    /// One piece of a resolved template: its text and the variable that supplied it (nil for literals and generators).
    public struct Piece: Sendable, Hashable {
        public var text: String
        public var variable: String?
    }

    /// The template's text with every expression substituted (values as text: `JSONValue.templateText`).
    public static func resolve(_ template: Template, scope: VariableScope, environment: [String: String]) throws(InputError) -> String {
        try pieces(template, scope: scope, environment: environment).map(\.text).joined()
    }

    /// The template's text in pieces, so callers can say which variable produced a bad character.
    public static func pieces(_ template: Template, scope: VariableScope, environment: [String: String]) throws(InputError) -> [Piece] {
        var context = Context(scope: scope, environment: environment)
        return try context.pieces(template, stack: [])
    }

    /// Resolves every string leaf of a JSON value. A leaf that is exactly one `{{var}}` takes the variable's
    /// JSON value (numbers stay numbers); other strings are substituted as text. Object keys are literal.
    public static func resolveJSON(_ value: JSONValue, scope: VariableScope, environment: [String: String]) throws(InputError) -> JSONValue {
        var context = Context(scope: scope, environment: environment)
        return try context.json(value, location: nil, stack: [])
    }

    /// A variable's value with templates in collection and environment values resolved.
    public static func value(of name: String, scope: VariableScope, environment: [String: String]) throws(InputError) -> JSONValue {
        var context = Context(scope: scope, environment: environment)
        return try context.variable(name, location: nil, stack: [])
    }

    private struct Context {
        let scope: VariableScope
        let environment: [String: String]

        mutating func pieces(_ template: Template, stack: [String]) throws(InputError) -> [Piece] {
            var result: [Piece] = []
            for part in template.parts {
                switch part {
                case .literal(let text):
                    result.append(Piece(text: text, variable: nil))
                case .variable(let name):
                    let value = try variable(name, location: template.location, stack: stack)
                    result.append(Piece(text: value.templateText, variable: stack.first ?? name))
                case .generator(let name, let arguments):
                    do {
                        let text = try Generators.evaluate(name: name, arguments: arguments, environment: environment)
                        result.append(Piece(text: text, variable: stack.first))
                    } catch {
                        throw InputError(error.message, at: template.location)
                    }
                }
            }
            return result
        }

        mutating func variable(_ name: String, location: SourceLocation?, stack: [String]) throws(InputError) -> JSONValue {
            if let start = stack.firstIndex(of: name) {
                let cycle = (stack[start...] + [name]).joined(separator: " → ")
                throw InputError("variable cycle: \(cycle); a variable cannot refer to itself, directly or through others", at: location)
            }
            guard let entry = scope.entry(name) else {
                let suggestion = Suggestions.didYouMean(name, among: scope.definedNames)
                throw InputError("unknown variable '\(name)'\(suggestion); \(TemplateResolver.variableSources)", at: location)
            }
            guard entry.layer.holdsTemplates else { return entry.value }
            return try json(entry.value, location: location, stack: stack + [name])
        }

        mutating func json(_ value: JSONValue, location: SourceLocation?, stack: [String]) throws(InputError) -> JSONValue {
            switch value {
            case .string(let text):
                var template = try TemplateParser.parse(text, location: location)
                if template.location == nil { template.location = location }
                if template.isSingleExpression, case .variable(let name) = template.parts[0] {
                    return try variable(name, location: location, stack: stack)
                }
                return .string(try pieces(template, stack: stack).map(\.text).joined())
            case .array(let items):
                var out: [JSONValue] = []
                out.reserveCapacity(items.count)
                for item in items { out.append(try json(item, location: location, stack: stack)) }
                return .array(out)
            case .object(let object):
                var members: [(key: String, value: JSONValue)] = []
                members.reserveCapacity(object.count)
                for member in object.members { members.append((member.key, try json(member.value, location: location, stack: stack))) }
                return .object(JSONObject(members))
            case .null, .bool, .number:
                return value
            }
        }
    }
}
