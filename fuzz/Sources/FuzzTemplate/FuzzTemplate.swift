import Engine
import FuzzSupport

/// Fuzz target: the template engine. The input is NUL-separated text: a template, then up to eight
/// `name=value` variables (a value that parses as JSON is taken as JSON, else as a string; collection
/// and environment values are themselves templates, so references, chains and cycles all occur).
/// Parsing, resolving to text, resolving JSON and looking variables up must throw typed errors, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = FuzzInputSplit.parts(data, size)
    guard let first = parts.first else { return 0 }
    let text = String(decoding: first, as: UTF8.self)
    var collectionVariables: [Variable] = []
    var environmentVariables: [Variable] = []
    var overrides: [String: JSONValue] = [:]
    for (index, part) in parts.dropFirst().enumerated() {
        let entry = String(decoding: part, as: UTF8.self)
        let pieces = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(pieces[0])
        let raw = pieces.count > 1 ? String(pieces[1]) : ""
        let value = (try? JSONParser.parse(raw)) ?? .string(raw)
        switch index % 3 {
        case 0: collectionVariables.append(Variable(name: name, value: value, secret: index % 2 == 0))
        case 1: environmentVariables.append(Variable(name: name, value: value))
        default: overrides[name] = value
        }
    }
    let scope = VariableScope(collectionVariables: collectionVariables,
                              environment: Environment(name: "fuzz", variables: environmentVariables),
                              overrides: overrides, secretNames: ["token"])
    let environment = ["HOME": "/root", "EMPTY": ""]
    if let template = try? TemplateParser.parse(text, location: SourceLocation(file: "fuzz.json", line: 1, column: 1)) {
        _ = template.variableNames
        _ = try? TemplateResolver.resolve(template, scope: scope, environment: environment)
        _ = try? TemplateResolver.pieces(template, scope: scope, environment: environment)
    }
    if let json = try? JSONParser.parse(first) {
        _ = try? TemplateResolver.resolveJSON(json, scope: scope, environment: environment)
    }
    for variable in collectionVariables.prefix(2) {
        _ = TemplateParser.isValidVariableName(variable.name)
        _ = try? TemplateResolver.value(of: variable.name, scope: scope, environment: environment)
    }
    return 0
}
