/// The variables visible to a request, in layers. Precedence, highest first:
/// captures (latest wins) > `--var` overrides > the selected environment > built-in server variables
/// (`base`, `page`) > collection variables.
///
/// Collection and environment values may themselves hold templates; `TemplateResolver` resolves them
/// recursively. Captured, overridden and built-in values are taken literally.
public struct VariableScope: Sendable {
    /// Where a variable's value comes from, lowest precedence first.
    public enum Layer: Int, Sendable, Comparable, CustomStringConvertible {
        case collection, builtin, environment, override, capture

        public static func < (lhs: Layer, rhs: Layer) -> Bool { lhs.rawValue < rhs.rawValue }

        /// True for the layers whose string values are templates resolved recursively.
        public var holdsTemplates: Bool { self == .collection || self == .environment }

        public var description: String {
            switch self {
            case .collection: return "collection variable"
            case .builtin: return "built-in server variable"
            case .environment: return "environment variable"
            case .override: return "--var override"
            case .capture: return "capture"
            }
        }
    }

    /// A variable as the scope sees it.
    public struct Entry: Sendable, Hashable {
        public var value: JSONValue
        public var layer: Layer
        public var secret: Bool
    }

    private var collection: [String: Entry] = [:]
    private var builtins: [String: Entry] = [:]
    private var environment: [String: Entry] = [:]
    private var overrides: [String: Entry] = [:]
    private var captures: [String: Entry] = [:]
    private var secretNames: Set<String>

    /// - Parameters:
    ///   - secretNames: names whose values are secret wherever they come from (the collection's `secrets`).
    public init(collectionVariables: [Variable] = [], environment: Environment? = nil,
                builtins: [String: JSONValue] = [:], overrides: [String: JSONValue] = [:],
                secretNames: Set<String> = []) {
        self.secretNames = secretNames
        for variable in collectionVariables {
            collection[variable.name] = Entry(value: variable.value, layer: .collection, secret: variable.secret)
        }
        for variable in environment?.variables ?? [] {
            self.environment[variable.name] = Entry(value: variable.value, layer: .environment, secret: variable.secret)
        }
        for (name, value) in builtins { self.builtins[name] = Entry(value: value, layer: .builtin, secret: false) }
        for (name, value) in overrides { self.overrides[name] = Entry(value: value, layer: .override, secret: false) }
    }

    /// A scope for `collection` with the environment named `environmentName` (nil: none).
    /// Fails when the collection has no such environment, naming the ones it has.
    public init(collection: Collection, environmentName: String?, builtins: [String: JSONValue] = [:],
                overrides: [String: JSONValue] = [:]) throws(InputError) {
        var chosen: Environment?
        if let environmentName {
            guard let found = collection.environments.first(where: { $0.name == environmentName }) else {
                throw CollectionValidator.unknownEnvironmentError(environmentName, in: collection)
            }
            chosen = found
        }
        self.init(collectionVariables: collection.variables, environment: chosen, builtins: builtins,
                  overrides: overrides, secretNames: collection.secretNames)
    }

    /// The variable's value as written (templates in collection and environment values unresolved), or nil.
    public func lookup(_ name: String) -> JSONValue? { entry(name)?.value }

    /// The variable with the layer that supplies it, or nil when no layer defines it.
    public func entry(_ name: String) -> Entry? {
        guard let found = captures[name] ?? overrides[name] ?? environment[name] ?? builtins[name] ?? collection[name] else {
            return nil
        }
        var result = found
        if secretNames.contains(name) { result.secret = true }
        return result
    }

    /// Records a captured value; later captures of the same name win.
    public mutating func setCapture(_ name: String, _ value: JSONValue) {
        setCapture(name, value, secret: false)
    }

    /// Records a captured value, marking it secret when the capture says so.
    public mutating func setCapture(_ name: String, _ value: JSONValue, secret: Bool) {
        captures[name] = Entry(value: value, layer: .capture, secret: secret)
        if secret { secretNames.insert(name) }
    }

    /// True when the variable's value must be redacted.
    public func isSecret(_ name: String) -> Bool { entry(name)?.secret ?? secretNames.contains(name) }

    /// Every name some layer defines.
    public var definedNames: Set<String> {
        Set(collection.keys).union(builtins.keys).union(environment.keys).union(overrides.keys).union(captures.keys)
    }
}
