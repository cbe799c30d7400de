import Engine

/// A location in a JSON body: a list of member names and array indices from the root.
public struct BodyPath: Sendable, Hashable, CustomStringConvertible {
    /// One step: an object member or an array element.
    public enum Step: Sendable, Hashable {
        case name(String)
        case index(Int)
    }

    public var steps: [Step]

    public init(_ steps: [Step] = []) {
        self.steps = steps
    }

    /// This path extended by one step.
    public func appending(_ step: Step) -> BodyPath {
        BodyPath(steps + [step])
    }

    /// The RFC 9535 normalized path (§2.7), `$['items'][2]['price']`: what `JSONPath.queryPaths` returns,
    /// so ignore rules compare exactly.
    public var normalized: String {
        var out = "$"
        for step in steps {
            switch step {
            case .index(let i): out += "[\(i)]"
            case .name(let name): out += "['" + Self.escaped(name) + "']"
            }
        }
        return out
    }

    /// The readable form, `$.items[2].price`: member names that are plain identifiers use dot notation,
    /// others the normalized bracket form (`$['a b']`).
    public var description: String {
        var out = "$"
        for step in steps {
            switch step {
            case .index(let i): out += "[\(i)]"
            case .name(let name):
                out += Self.isIdentifier(name) ? "." + name : "['" + Self.escaped(name) + "']"
            }
        }
        return out
    }

    /// True when `self` is `other` or lies below it (`$['a'][0]` is inside `$['a']`).
    public func isInside(_ other: BodyPath) -> Bool {
        steps.count >= other.steps.count && Array(steps.prefix(other.steps.count)) == other.steps
    }

    /// A member name that dot notation can show unambiguously: ASCII letters, digits and `_`, not starting with a digit.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5F
        }
    }

    /// Normalized-path escaping, as Engine's JSONPath writes it.
    static func escaped(_ name: String) -> String {
        JSONPath.escapedMemberName(name)
    }
}
