/// A string with `{{…}}` expressions, parsed once when the collection is loaded.
///
/// Expressions are variable names (`{{token}}`) or built-in generators (`{{$guid}}`, `{{$randomInt 1 10}}`).
public struct Template: Sendable, Hashable, CustomStringConvertible {
    /// The text as written in the file.
    public var raw: String
    public var parts: [TemplatePart]
    /// Where the template's string starts in the file, when it came from one.
    public var location: SourceLocation?

    public init(raw: String, parts: [TemplatePart], location: SourceLocation? = nil) {
        self.raw = raw
        self.parts = parts
        self.location = location
    }

    /// A template with no expressions.
    public static func literal(_ text: String) -> Template {
        Template(raw: text, parts: text.isEmpty ? [] : [.literal(text)])
    }

    public var description: String { raw }

    /// Variable names the template refers to (generators excluded).
    public var variableNames: [String] {
        parts.compactMap { if case .variable(let name) = $0 { return name } else { return nil } }
    }

    /// True when the template is exactly one expression and nothing else (`"{{id}}"`).
    public var isSingleExpression: Bool {
        parts.count == 1 && { if case .literal = parts[0] { return false } else { return true } }()
    }
}

/// One piece of a template.
public enum TemplatePart: Sendable, Hashable {
    case literal(String)
    /// `{{name}}`
    case variable(String)
    /// `{{$name arg…}}`: a built-in generator with its arguments.
    case generator(name: String, arguments: [String])
}
