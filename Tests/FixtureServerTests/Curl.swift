import Foundation

/// One HTTP response as curl saw it (the last one when redirects were followed).
struct CurlResponse {
    var status: Int
    /// The header lines of the last response, in order.
    var headers: [(name: String, value: String)]
    var body: Data
    /// curl's `-w` output (`%{num_connects}` and friends), one line per URL.
    var writeOut: String
    /// Every status line seen (one per hop when following redirects).
    var statusLines: [String]

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw CurlError(message: "body is not a JSON object: \(text)")
        }
        return object
    }
}

struct CurlError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs `/usr/bin/curl` with `arguments` plus options that capture headers and body.
/// With `discardBody`, the body goes to /dev/null (for transfers too large to keep).
func curl(_ arguments: [String], writeOut: String = "", discardBody: Bool = false) throws -> CurlResponse {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-curl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let headerFile = directory.appendingPathComponent("headers")
    let bodyFile = directory.appendingPathComponent("body")

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments =
        ["-s", "-S", "--max-time", "120", "-D", headerFile.path, "-o", discardBody ? "/dev/null" : bodyFile.path]
        + (writeOut.isEmpty ? [] : ["-w", writeOut]) + arguments
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CurlError(message: "curl \(arguments) exited \(process.terminationStatus): \(String(decoding: err, as: UTF8.self))")
    }

    let rawHeaders = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
    var blocks: [[String]] = []
    for line in rawHeaders.components(separatedBy: "\r\n") {
        if line.hasPrefix("HTTP/") {
            blocks.append([line])
        } else if !line.isEmpty, !blocks.isEmpty {
            blocks[blocks.count - 1].append(line)
        }
    }
    let finalBlocks = blocks.filter { !$0[0].contains(" 100 ") }
    let last = finalBlocks.last ?? []
    let status = last.first.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
    let headers: [(name: String, value: String)] = last.dropFirst().compactMap { line in
        guard let colon = line.firstIndex(of: ":") else { return nil }
        return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
    let body = (try? Data(contentsOf: bodyFile)) ?? Data()
    return CurlResponse(
        status: status,
        headers: headers,
        body: body,
        writeOut: String(decoding: out, as: UTF8.self),
        statusLines: finalBlocks.compactMap(\.first)
    )
}

/// Runs a tool with stdin data, returning stdout (used for `gzip -dc`).
func runTool(_ path: String, _ arguments: [String], input: Data) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    let writer = Thread {
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CurlError(message: "\(path) exited \(process.terminationStatus)")
    }
    return out
}
