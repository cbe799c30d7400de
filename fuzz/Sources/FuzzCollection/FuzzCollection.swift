import Engine
import FuzzSupport

/// Fuzz target: arbitrary bytes as a collection file through the located JSON parser, the collection
/// loader (every decoder) and the validator (template variables, environments). Errors are expected;
/// a crash, a hang or a leak is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCollection(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The plain JSON parser, as `--var` values and response bodies reach it.
    if let value = try? JSONParser.parse(bytes) {
        _ = value.typeName
    }
    guard let collection = try? CollectionLoader.parse(bytes: bytes, path: "fuzz.json") else { return 0 }
    _ = CollectionValidator.check(collection, environment: nil, overrides: [], builtinNames: [])
    for environment in collection.environments.prefix(2) {
        _ = CollectionValidator.check(collection, environment: environment.name, overrides: ["token"], builtinNames: ["base"])
    }
    _ = CollectionValidator.check(collection, environment: "no-such-environment", overrides: [], builtinNames: [])
    return 0
}
