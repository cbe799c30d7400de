import Testing
@testable import Engine

/// Inputs the fuzz targets (fuzz/, `scripts/fuzz`) crashed on, kept as unit tests after the fix.
/// Each input is also in the target's seed corpus (fuzz/corpus/<target>/).
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// template target: an offset of Int64.max seconds overflowed while shifting the current time (a trap).
    @Test("huge generator offsets are refused at parse time, not trapped on", arguments: [
        "{{$timestamp 9223372036854775807 s}}", "{{$timestamp -9223372036854775808 ms}}",
        "{{$datetime iso8601 9223372036854775807 y}}", "{{$datetime rfc1123 -99999999999 M}}", "{{$timestamp 10001 y}}",
    ])
    func hugeOffsets(_ text: String) {
        do {
            _ = try TemplateParser.parse(text, location: nil)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.message.contains("too large"), "\(error.message)")
        }
    }

    @Test("the largest allowed offsets still evaluate", arguments: [
        "{{$timestamp 10000 y}}", "{{$timestamp -315569520000000 ms}}", "{{$datetime iso8601 -120000 M}}",
        "{{$datetime rfc1123 521775 w}}",
    ])
    func largestOffsets(_ text: String) throws {
        let template = try TemplateParser.parse(text, location: nil)
        let value = try TemplateResolver.resolve(template, scope: VariableScope(), environment: [:])
        #expect(!value.isEmpty)
    }
}
