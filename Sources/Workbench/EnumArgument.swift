import ArgumentParser

/// An enum given on the command line by its raw value (`--output json`, `--mode async`).
///
/// Its help texts are its raw values, read directly. ArgumentParser's defaults would describe the values
/// with `String(describing:)`, whose first use for each type makes the Swift runtime scan every protocol
/// conformance record in the binary (about 5,100): measured with callgrind at 2.4 million instructions for
/// `--output` alone, paid by every `workbench` process while it parses its arguments.
public protocol EnumArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension EnumArgument {
    public var defaultValueDescription: String { rawValue }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }

    /// No per-value descriptions (the values are their own descriptions).
    public static var allValueDescriptions: [String: String] { [:] }

    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
