import Foundation
import Testing
import Reports

@Suite struct DiffListScanTests {
    @Test(arguments: [
        (#"{"name": "x", "requests": [{"name": "a", "url": "http://127.0.0.1/"}]}"#, false),
        (#"{"name": "x", "diff": {"ignoreHeaders": ["X-Id"]}, "requests": []}"#, true),
        (#"{"name": "x", "\u0064iff": {"ignoreHeaders": ["X-Id"]}, "requests": []}"#, true),
        (#"{"name": "diffs", "requests": [{"name": "different", "url": "http://127.0.0.1/diff"}]}"#, false),
        (#"{"name": "x", "requests": [{"name": "diff", "url": "http://127.0.0.1/"}]}"#, true),
        ("", false),
    ])
    func keyPossible(_ text: String, _ expected: Bool) {
        #expect(DiffListScan.mayDeclareLists(Array(text.utf8)) == expected)
    }

    @Test func readsFilesAndAnswersTrueWhenUnreadable() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wb-scan-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("plain.json")
        // Larger than one read chunk, with the key only at the end.
        let filler = String(repeating: "{\"name\": \"r\", \"url\": \"http://127.0.0.1/\"},", count: 3000)
        try Data("{\"requests\": [\(filler){}]}".utf8).write(to: plain)
        #expect(!DiffListScan.mayDeclareLists(path: plain.path))
        let declared = directory.appendingPathComponent("declared.json")
        try Data("{\"requests\": [\(filler){}], \"diff\": {}}".utf8).write(to: declared)
        #expect(DiffListScan.mayDeclareLists(path: declared.path))
        #expect(DiffListScan.mayDeclareLists(path: directory.appendingPathComponent("missing.json").path))
    }
}
