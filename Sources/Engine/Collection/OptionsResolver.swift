/// Resolving options into `ResolvedOptions`, with httpx's defaults for what the collection leaves out.
extension ResolveContext {
    func options(_ definition: OptionsDefinition) throws(InputError) -> ResolvedOptions {
        var options = ResolvedOptions()
        var set = Set<String>()
        if let timeout = definition.timeout {
            set.insert("timeout")
            if let value = timeout.connect { options.timeout.connect = try seconds(value, "timeout.connect") }
            if let value = timeout.read { options.timeout.read = try seconds(value, "timeout.read") }
            if let value = timeout.write { options.timeout.write = try seconds(value, "timeout.write") }
            if let value = timeout.pool { options.timeout.pool = try seconds(value, "timeout.pool") }
            if let value = timeout.total { options.timeout.total = try seconds(value, "timeout.total") }
        }
        if let value = definition.followRedirects {
            set.insert("followRedirects")
            options.followRedirects = try bool(value, "followRedirects")
        }
        if let value = definition.maxRedirects {
            set.insert("maxRedirects")
            switch value {
            case .literal(let n): options.maxRedirects = n
            case .template(let t):
                let resolved = try text(t).trimmingWhitespace()
                guard let n = Int(resolved), n >= 0 else { throw typeError("maxRedirects", "a whole number of 0 or more", resolved, t) }
                options.maxRedirects = n
            }
        }
        if let value = definition.proxy {
            set.insert("proxy")
            options.proxy = try text(value)
        }
        if let value = definition.caFile {
            set.insert("caFile")
            options.caFile = try resolvedPath(value, what: "caFile", confined: true).path
        }
        if let value = definition.insecure {
            set.insert("insecure")
            options.insecure = try bool(value, "insecure")
        }
        if let value = definition.clientCert {
            set.insert("clientCert")
            options.clientCert = try resolvedPath(value, what: "clientCert", confined: true).path
        }
        if let value = definition.clientKey {
            set.insert("clientKey")
            options.clientKey = try resolvedPath(value, what: "clientKey", confined: true).path
        }
        if let value = definition.httpVersion {
            set.insert("httpVersion")
            switch value {
            case .literal(let version): options.httpVersion = version
            case .template(let t):
                let resolved = try text(t).trimmingWhitespace()
                guard let version = HTTPVersionOption(rawValue: resolved) else { throw typeError("httpVersion", "\"1.1\" or \"2\"", resolved, t) }
                options.httpVersion = version
            }
        }
        if let value = definition.compressed {
            set.insert("compressed")
            options.compressed = try bool(value, "compressed")
        }
        options.explicitlySet = set
        return options
    }

    private func seconds(_ value: Templated<Double>, _ name: String) throws(InputError) -> Double {
        switch value {
        case .literal(let n): return n
        case .template(let t):
            let resolved = try text(t).trimmingWhitespace()
            guard let n = Double(resolved), n >= 0, n.isFinite else { throw typeError(name, "a number of seconds (0 or more)", resolved, t) }
            return n
        }
    }

    private func bool(_ value: Templated<Bool>, _ name: String) throws(InputError) -> Bool {
        switch value {
        case .literal(let b): return b
        case .template(let t):
            let resolved = try text(t).trimmingWhitespace()
            switch resolved.lowercased() {
            case "true": return true
            case "false": return false
            default: throw typeError(name, "true or false", resolved, t)
            }
        }
    }

    private func typeError(_ name: String, _ expected: String, _ found: String, _ template: Template) -> InputError {
        InputError("`\(name)` must be \(expected); \"\(template.raw)\" gave '\(found)'", at: template.location ?? location)
    }
}
