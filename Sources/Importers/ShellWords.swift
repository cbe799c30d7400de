import Engine

/// A shell word after quote removal. Expansions of environment variables (`$TOKEN`, `"${TOKEN}"`) are kept
/// as markers (`ShellWords.envStart` NAME `ShellWords.envEnd`) so the importer can turn them into
/// `{{$processEnv NAME}}` after it has split the word.
struct ShellWord {
    var text: String
    var location: SourceLocation
}

/// Splits text into commands and words the way a POSIX shell quotes: `'…'`, `"…"` (with `\` escapes and
/// `$VAR` expansion), `$'…'` (ANSI-C escapes), backslashes, line continuations and `#` comments. Commands
/// end at an unquoted newline, `;`, `&&`, `||` or `|` (what follows a pipe is not part of the request).
struct ShellWords {
    static let envStart: Character = "\u{E000}"
    static let envEnd: Character = "\u{E001}"

    struct Command {
        var words: [ShellWord]
        /// Something the tokenizer could not follow (command substitution, an unclosed quote).
        var problems: [ImportNote]
    }

    static func commands(_ text: String, file: String) -> [Command] {
        var commands: [Command] = []
        var words: [ShellWord] = []
        var problems: [ImportNote] = []
        var word = ""
        var inWord = false
        var wordLocation = SourceLocation(file: file, line: 1, column: 1)
        var skippingPipe = false
        let chars = Array(text)
        var i = 0
        var line = 1
        var column = 1

        func here() -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
        func advance(_ n: Int = 1) {
            for _ in 0..<n where i < chars.count {
                if chars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
                i += 1
            }
        }
        func endWord() {
            if inWord, !skippingPipe { words.append(ShellWord(text: word, location: wordLocation)) }
            word = ""
            inWord = false
        }
        func endCommand() {
            endWord()
            if !words.isEmpty || !problems.isEmpty { commands.append(Command(words: words, problems: problems)) }
            words = []
            problems = []
            skippingPipe = false
        }
        func startWord() {
            if !inWord { inWord = true; wordLocation = here() }
        }
        func variable() -> String? {
            // At `$`: NAME or {NAME}.
            var j = i + 1
            if j < chars.count, chars[j] == "{" {
                var name = ""
                j += 1
                while j < chars.count, chars[j] != "}" { name.append(chars[j]); j += 1 }
                guard j < chars.count, isName(name) else { return nil }
                advance(j - i + 1)
                return name
            }
            var name = ""
            while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" {
                name.append(chars[j]); j += 1
            }
            guard isName(name) else { return nil }
            advance(j - i)
            return name
        }
        func isName(_ s: String) -> Bool {
            guard let f = s.first, f.isASCII, f.isLetter || f == "_" else { return false }
            return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        }

        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                if i + 1 < chars.count, chars[i + 1] == "\n" { advance(2); continue }
                if i + 1 < chars.count, chars[i + 1] == "\r", i + 2 < chars.count, chars[i + 2] == "\n" { advance(3); continue }
                startWord()
                if i + 1 < chars.count { word.append(chars[i + 1]) }
                advance(2)
            case "'":
                startWord()
                let start = here()
                advance()
                while i < chars.count, chars[i] != "'" { word.append(chars[i]); advance() }
                if i >= chars.count { problems.append(ImportNote("unclosed single quote", at: start)) }
                advance()
            case "\"":
                startWord()
                let start = here()
                advance()
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count, "$`\"\\\n".contains(chars[i + 1]) {
                        if chars[i + 1] != "\n" { word.append(chars[i + 1]) }
                        advance(2)
                    } else if chars[i] == "$" {
                        if let name = variable() {
                            word.append(envStart); word += name; word.append(envEnd)
                        } else {
                            if i + 1 < chars.count, chars[i + 1] == "(" {
                                problems.append(ImportNote("command substitution $( … ) is not supported; kept as literal text", at: here()))
                            }
                            word.append("$"); advance()
                        }
                    } else if chars[i] == "`" {
                        problems.append(ImportNote("command substitution ` … ` is not supported; kept as literal text", at: here()))
                        word.append("`"); advance()
                    } else {
                        word.append(chars[i]); advance()
                    }
                }
                if i >= chars.count { problems.append(ImportNote("unclosed double quote", at: start)) }
                advance()
            case "$":
                startWord()
                if i + 1 < chars.count, chars[i + 1] == "'" {
                    advance(2)
                    while i < chars.count, chars[i] != "'" {
                        if chars[i] == "\\", i + 1 < chars.count {
                            let e = chars[i + 1]
                            switch e {
                            case "n": word.append("\n")
                            case "t": word.append("\t")
                            case "r": word.append("\r")
                            case "0": word.append("\0")
                            default: word.append(e)
                            }
                            advance(2)
                        } else {
                            word.append(chars[i]); advance()
                        }
                    }
                    advance()
                } else if let name = variable() {
                    word.append(envStart); word += name; word.append(envEnd)
                } else {
                    if i + 1 < chars.count, chars[i + 1] == "(" {
                        problems.append(ImportNote("command substitution $( … ) is not supported; kept as literal text", at: here()))
                    }
                    word.append("$"); advance()
                }
            case " ", "\t", "\r":
                endWord(); advance()
            case "\n":
                endCommand(); advance()
            case ";":
                endCommand(); advance()
            case "&" where i + 1 < chars.count && chars[i + 1] == "&":
                endCommand(); advance(2)
            case "|":
                if i + 1 < chars.count, chars[i + 1] == "|" { endCommand(); advance(2); continue }
                endWord(); skippingPipe = true; advance()
            case "#" where !inWord:
                while i < chars.count, chars[i] != "\n" { advance() }
            default:
                startWord(); word.append(c); advance()
            }
        }
        endCommand()
        return commands
    }
}
