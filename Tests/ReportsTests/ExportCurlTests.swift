import Foundation
import Testing
@testable import Reports

/// `export --format curl`: quoting, secrets as references, bodies from the context, `--reveal`.
@Suite("Export: curl commands")
struct ExportCurlTests {
    static let context = RequestExportContext(bodies: [
        "users/create": .text(#"{"n":4,"note":"it's {{token}}"}"#),
        "redirect chain": .file("/tmp/data/body.bin"),
        "search & <filter> \"bytes\", 'raw'": .binary(base64: "AAEC"),
        "cors/blocked put": .multipart([ExportedPart(name: "caption", value: "a 'b'"),
                                        ExportedPart(name: "up", file: "/tmp/a.txt", filename: "a.txt", contentType: "text/plain")]),
    ])

    @Test("one curl command per sent request, secrets as ${NAME} listed at the top")
    func commands() {
        let text = Exporter.render(ExportFixture.record, as: .curl, creatorVersion: "0", context: Self.context)
        #expect(text.hasPrefix("#!/bin/sh\n"))
        #expect(text.contains("#   export TOKEN='…'   # {{token}}\n"))
        #expect(text.contains(#"-H 'Authorization: Bearer '"${TOKEN}""#))
        #expect(text.contains(#"--data-raw '{"n":4,"note":"it'\''s '"${TOKEN}"'"}'"#))
        #expect(text.contains("--data-binary @/tmp/data/body.bin"))
        #expect(text.contains("printf %s AAEC | base64 -d | curl"))
        #expect(text.contains("--form-string 'caption=a '\\''b'\\'''"))
        #expect(text.contains("-F 'up=@/tmp/a.txt;type=text/plain;filename=a.txt'"))
        #expect(text.contains("# later/not yet: DELETE (skipped)\n# not sent in this run"))
        #expect(!text.contains("-H 'Host:"), "curl sets Host itself")
        let curlCount = text.split(separator: "\n").filter { $0.hasPrefix("curl ") || $0.contains("| curl ") }.count
        #expect(curlCount == ExportFixture.record.results.filter { !$0.exchanges.isEmpty }.count)
    }

    @Test("the script is valid shell (sh -n)")
    func shellSyntax() throws {
        let text = Exporter.render(ExportFixture.record, as: .curl, creatorVersion: "0", context: Self.context)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).sh")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-n", file.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("--reveal writes the values given, with a warning in the file, and no reference for them")
    func reveal() {
        var context = Self.context
        context.revealed = ["token": "s3cr'et"]
        let text = Exporter.render(ExportFixture.record, as: .curl, creatorVersion: "0", context: context)
        #expect(text.contains("# WARNING: written with --reveal"))
        #expect(text.contains(#"-H 'Authorization: Bearer s3cr'\''et'"#))
        #expect(!text.contains("${TOKEN}"))
    }

    @Test("without a collection: a comment says the body is not stored")
    func noBodies() {
        let text = Exporter.render(ExportFixture.record, as: .curl, creatorVersion: "0")
        #expect(text.contains("# the body (64 bytes) is not stored in the run"))
    }
}

/// `export --format http`: blocks, references, bodies.
@Suite("Export: .http file")
struct ExportHTTPFileTests {
    @Test("one ### block per request as sent, secrets declared as comments")
    func blocks() {
        let text = Exporter.render(ExportFixture.record, as: .http, creatorVersion: "0", context: ExportCurlTests.context)
        #expect(text.contains("#   token = …   (as @token = value, or in the environment file)\n"))
        #expect(text.contains("### users/create\n# failed: 200\nPOST http://127.0.0.1:8002/echo?x=1&y=a%20b&flag HTTP/1.1\n"))
        #expect(text.contains("Authorization: Bearer {{token}}\n"))
        #expect(text.contains("\n{\"n\":4,\"note\":\"it's {{token}}\"}\n"))
        #expect(text.contains("\n< /tmp/data/body.bin\n"))
        #expect(text.contains("Content-Type: multipart/form-data; boundary=WorkbenchBoundary\n"))
        #expect(text.contains("Content-Disposition: form-data; name=\"up\"; filename=\"a.txt\"\nContent-Type: text/plain\n\n< /tmp/a.txt\n"))
        #expect(!text.contains("\nHost: "))
    }

    @Test("--reveal declares the values as file variables")
    func reveal() {
        var context = ExportCurlTests.context
        context.revealed = ["token": "abc"]
        let text = Exporter.render(ExportFixture.record, as: .http, creatorVersion: "0", context: context)
        #expect(text.contains("@token = abc\n"))
        #expect(text.contains("Authorization: Bearer {{token}}\n"))
    }
}
