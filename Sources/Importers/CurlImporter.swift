import Engine

/// `workbench import curl FILE`: every curl command in the file becomes one request, in order.
enum CurlImporter {
    static func importFile(_ path: String, options: ImportOptions) throws(ImportError) -> ImportResult {
        try importText(try ImportSource.text(path), file: path, options: options)
    }

    static func importText(_ text: String, file: String, options: ImportOptions) throws(ImportError) -> ImportResult {
        var builder = CollectionBuilder(name: options.name ?? ImportSource.baseName(file))
        var names = NameRegistry()
        var items: [ImportedItem] = []
        for command in ShellWords.commands(text, file: file) {
            for problem in command.problems { builder.note(problem.message, at: problem.location) }
            var words = command.words
            while let first = words.first, first.text == "$" || first.text == "sudo" { words.removeFirst() }
            guard let first = words.first else { continue }
            guard first.text == "curl" || first.text.hasSuffix("/curl") else {
                builder.note("not a curl command ('\(first.text)'); ignored", at: first.location)
                continue
            }
            var parser = CurlCommandParser(words: Array(words.dropFirst()), start: first.location)
            let parsed = parser.parse()
            for note in parsed.notes { builder.note(note.message, at: note.location) }
            if parsed.urls.isEmpty {
                builder.note("curl command without a URL; nothing to import", at: first.location)
                continue
            }
            for url in parsed.urls {
                var request = CurlRequestBuilder.request(parsed, url: url, builder: &builder)
                let claimed = names.claim(request.name)
                request.name = claimed.name
                items.append(.request(request))
            }
        }
        guard !items.isEmpty else {
            throw ImportError("no curl command with a URL in \(file); write one command per line (continue lines with \\)")
        }
        return builder.result(items: items)
    }
}

/// The options of one curl command line that matter for the request.
struct ParsedCurl {
    var urls: [(text: String, location: SourceLocation)] = []
    var method: String?
    var headers: [(name: String, value: String)] = []
    /// `-d`-family pieces, joined with `&` as curl does.
    var data: [DataPiece] = []
    var json: [String] = []
    var formParts: [(spec: String, literal: Bool, location: SourceLocation)] = []
    var user: (String, SourceLocation)?
    var cookie: (String, SourceLocation)?
    var get = false
    var head = false
    var insecure = false
    var followRedirects = false
    var maxRedirects: Int?
    var compressed = false
    var maxTime: Double?
    var connectTimeout: Double?
    var proxy: String?
    var caFile: String?
    var clientCert: String?
    var clientKey: String?
    var httpVersion: String?
    var location: SourceLocation
    var notes: [ImportNote] = []

    enum DataKind { case ascii, raw, binary, urlencode }
    struct DataPiece {
        var kind: DataKind
        var value: String
        var location: SourceLocation
    }
}

/// Reads curl's options (long, short, bundled short flags, `-XPOST`, `--opt=value`).
struct CurlCommandParser {
    let words: [ShellWord]
    let start: SourceLocation
    private var index = 0

    init(words: [ShellWord], start: SourceLocation) {
        self.words = words
        self.start = start
    }

    /// Options taking a value, by long name; short letters map to these.
    static let short: [Character: String] = [
        "X": "request", "H": "header", "d": "data", "F": "form", "u": "user", "b": "cookie", "m": "max-time",
        "x": "proxy", "A": "user-agent", "e": "referer", "o": "output", "w": "write-out", "E": "cert",
        "c": "cookie-jar", "T": "upload-file", "r": "range", "K": "config", "U": "proxy-user",
    ]
    static let shortFlags: [Character: String] = [
        "k": "insecure", "L": "location", "G": "get", "I": "head", "s": "silent", "S": "show-error", "v": "verbose",
        "i": "include", "f": "fail", "O": "remote-name", "N": "no-buffer", "g": "globoff", "#": "progress-bar",
        "0": "http1.0", "4": "ipv4", "6": "ipv6", "J": "remote-header-name", "n": "netrc", "q": "disable",
    ]
    static let valued: Set<String> = [
        "request", "header", "data", "data-ascii", "data-raw", "data-binary", "data-urlencode", "json", "form",
        "form-string", "user", "cookie", "max-time", "connect-timeout", "proxy", "user-agent", "referer", "output",
        "write-out", "cacert", "cert", "key", "max-redirs", "url", "cookie-jar", "upload-file", "range", "config",
        "proxy-user", "oauth2-bearer", "retry", "retry-delay", "retry-max-time", "limit-rate", "resolve",
        "connect-to", "interface", "dns-servers", "cert-type", "key-type", "capath", "ciphers", "trace", "trace-ascii",
        "stderr", "variable", "expect100-timeout", "keepalive-time", "aws-sigv4", "request-target", "unix-socket",
    ]
    /// Flags that change only what curl prints or how it retries: nothing to translate.
    static let quiet: Set<String> = [
        "silent", "show-error", "verbose", "include", "fail", "fail-with-body", "no-progress-meter", "progress-bar",
        "remote-name", "no-buffer", "output", "write-out", "globoff", "retry", "retry-delay", "retry-max-time",
        "trace", "trace-ascii", "stderr", "remote-header-name", "ipv4", "ipv6", "no-keepalive", "tcp-nodelay",
        "path-as-is", "disable", "keepalive-time", "create-dirs", "styled-output", "no-styled-output",
    ]

    mutating func parse() -> ParsedCurl {
        var p = ParsedCurl(location: start)
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            let text = word.text
            if optionsEnded || !text.hasPrefix("-") || text == "-" {
                p.urls.append((text, word.location))
                continue
            }
            if text == "--" { optionsEnded = true; continue }
            if text.hasPrefix("--") {
                var name = String(text.dropFirst(2))
                var value: String?
                if let eq = name.firstIndex(of: "="), Self.valued.contains(String(name[..<eq])) {
                    value = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if Self.valued.contains(name), value == nil {
                    guard index < words.count else {
                        p.notes.append(ImportNote("--\(name) needs a value; ignored", at: word.location))
                        continue
                    }
                    value = words[index].text
                    index += 1
                }
                apply(name, value, at: word.location, to: &p)
                continue
            }
            // Short options, possibly bundled (-sSL) or with an attached value (-XPOST, -HName:\ v).
            var letters = Array(text.dropFirst())
            while let letter = letters.first {
                letters.removeFirst()
                if let name = Self.short[letter] {
                    var value: String
                    if !letters.isEmpty {
                        value = String(letters)
                        letters = []
                    } else if index < words.count {
                        value = words[index].text
                        index += 1
                    } else {
                        p.notes.append(ImportNote("-\(letter) needs a value; ignored", at: word.location))
                        break
                    }
                    if value.isEmpty { value = "" }
                    apply(name, value, at: word.location, to: &p)
                } else if let name = Self.shortFlags[letter] {
                    apply(name, nil, at: word.location, to: &p)
                } else {
                    p.notes.append(ImportNote("unknown curl option -\(letter); ignored", at: word.location))
                }
            }
        }
        return p
    }

    private func apply(_ name: String, _ value: String?, at location: SourceLocation, to p: inout ParsedCurl) {
        let v = value ?? ""
        switch name {
        case "request": p.method = v
        case "url": p.urls.append((v, location))
        case "header":
            if v.hasPrefix("@") {
                p.notes.append(ImportNote("headers from a file (-H \(v)) are not supported; ignored", at: location))
            } else if let colon = v.firstIndex(of: ":") {
                let headerName = String(v[..<colon]).trimmingCharacters(in: " ")
                let headerValue = String(v[v.index(after: colon)...]).trimmingCharacters(in: " \t")
                if headerValue.isEmpty {
                    p.notes.append(ImportNote("-H '\(v)' removes curl's own \(headerName) header; Workbench has no equivalent, ignored", at: location))
                } else {
                    p.headers.append((headerName, headerValue))
                }
            } else if v.hasSuffix(";") {
                p.headers.append((String(v.dropLast()), ""))
            } else {
                p.notes.append(ImportNote("-H '\(v)' is not a 'Name: value' header; ignored", at: location))
            }
        case "data", "data-ascii": p.data.append(.init(kind: .ascii, value: v, location: location))
        case "data-raw": p.data.append(.init(kind: .raw, value: v, location: location))
        case "data-binary": p.data.append(.init(kind: .binary, value: v, location: location))
        case "data-urlencode": p.data.append(.init(kind: .urlencode, value: v, location: location))
        case "json": p.json.append(v)
        case "form": p.formParts.append((v, false, location))
        case "form-string": p.formParts.append((v, true, location))
        case "user": p.user = (v, location)
        case "cookie": p.cookie = (v, location)
        case "get": p.get = true
        case "head": p.head = true
        case "insecure": p.insecure = true
        case "location", "location-trusted": p.followRedirects = true
        case "max-redirs": p.maxRedirects = Int(v)
        case "compressed": p.compressed = true
        case "max-time":
            if let seconds = Double(v) { p.maxTime = seconds } else { p.notes.append(ImportNote("-m '\(v)' is not a number of seconds; ignored", at: location)) }
        case "connect-timeout":
            if let seconds = Double(v) { p.connectTimeout = seconds } else { p.notes.append(ImportNote("--connect-timeout '\(v)' is not a number of seconds; ignored", at: location)) }
        case "proxy": p.proxy = v.contains("://") ? v : "http://" + v
        case "user-agent": p.headers.append(("User-Agent", v))
        case "referer": p.headers.append(("Referer", v))
        case "oauth2-bearer": p.headers.append(("Authorization", "Bearer " + v))
        case "cacert": p.caFile = v
        case "cert": p.clientCert = v
        case "key": p.clientKey = v
        case "http1.1": p.httpVersion = "1.1"
        case "http2", "http2-prior-knowledge": p.httpVersion = "2"
        default:
            if Self.quiet.contains(name) { return }
            p.notes.append(ImportNote("curl option --\(name) has no Workbench equivalent; ignored", at: location))
        }
    }
}
