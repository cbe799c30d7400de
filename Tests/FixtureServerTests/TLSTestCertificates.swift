import Foundation

/// Throwaway certificates made with the `openssl` command line (EC P-256) in a temporary folder,
/// once per test process. Nothing here is committed: the keys exist only under `directory`.
///
/// One test CA signs `server` (`localhost` + `127.0.0.1`), `expired` (valid 1–2 January 2020),
/// `wrongHost` (`wrong.example` only) and `client` (client authentication); `selfSigned` names
/// `localhost` + `127.0.0.1` and is its own issuer.
/// The same file exists in `FixtureServerTests` and `EngineTests` (test targets cannot share sources).
struct TLSTestCertificates: Sendable {
    /// A PEM certificate file and its PEM private key file.
    struct Pair: Sendable {
        var certificate: String
        var key: String
    }

    var directory: String
    var caCertificate: String
    var server: Pair
    var selfSigned: Pair
    var expired: Pair
    var wrongHost: Pair
    var client: Pair

    /// The process-wide set, generated on first use.
    static func shared() throws -> TLSTestCertificates {
        try generated.get()
    }

    private static let generated = Result<TLSTestCertificates, any Error> { try generate() }

    private static let configuration = """
        [ req ]
        distinguished_name = dn
        prompt = no
        [ dn ]
        [ ca_ext ]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        [ self_ext ]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,digitalSignature,keyCertSign
        subjectAltName = DNS:localhost,IP:127.0.0.1
        [ server_ext ]
        basicConstraints = CA:FALSE
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:localhost,IP:127.0.0.1
        [ wrong_ext ]
        basicConstraints = CA:FALSE
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:wrong.example
        [ client_ext ]
        basicConstraints = CA:FALSE
        extendedKeyUsage = clientAuth
        [ ca ]
        default_ca = test_ca
        [ test_ca ]
        database = db/index.txt
        new_certs_dir = db
        serial = db/serial
        default_md = sha256
        policy = any_name
        unique_subject = no
        copy_extensions = none
        [ any_name ]
        commonName = supplied

        """

    private static func generate() throws -> TLSTestCertificates {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("db"), withIntermediateDirectories: true)
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        try Data(configuration.utf8).write(to: directory.appendingPathComponent("openssl.cnf"))
        try Data().write(to: directory.appendingPathComponent("db/index.txt"))
        try Data("1000\n".utf8).write(to: directory.appendingPathComponent("db/serial"))

        let newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        func selfIssued(_ name: String, subject: String, extensions: String) throws -> Pair {
            try openssl(["req", "-x509", "-config", "openssl.cnf", "-extensions", extensions] + newKey
                        + ["-keyout", "\(name).key", "-out", "\(name).pem", "-days", "2", "-subj", subject], in: directory)
            return Pair(certificate: path("\(name).pem"), key: path("\(name).key"))
        }
        func signed(_ name: String, subject: String, extensions: String, validity: [String] = ["-days", "2"]) throws -> Pair {
            try openssl(["req", "-new", "-config", "openssl.cnf"] + newKey
                        + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject], in: directory)
            try openssl(["ca", "-batch", "-notext", "-config", "openssl.cnf", "-cert", "ca.pem", "-keyfile", "ca.key",
                         "-extensions", extensions, "-in", "\(name).csr", "-out", "\(name).pem"] + validity, in: directory)
            return Pair(certificate: path("\(name).pem"), key: path("\(name).key"))
        }

        let ca = try selfIssued("ca", subject: "/CN=Workbench Test CA", extensions: "ca_ext")
        return TLSTestCertificates(
            directory: directory.path,
            caCertificate: ca.certificate,
            server: try signed("server", subject: "/CN=localhost", extensions: "server_ext"),
            selfSigned: try selfIssued("self-signed", subject: "/CN=localhost", extensions: "self_ext"),
            expired: try signed("expired", subject: "/CN=localhost", extensions: "server_ext",
                                validity: ["-startdate", "20200101000000Z", "-enddate", "20200102000000Z"]),
            wrongHost: try signed("wrong-host", subject: "/CN=wrong.example", extensions: "wrong_ext"),
            client: try signed("client", subject: "/CN=Workbench Test Client", extensions: "client_ext")
        )
    }

    /// Runs `/usr/bin/openssl` in `directory`; throws with its output when it fails.
    private static func openssl(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TLSTestCertificateError(message: "openssl \(arguments.joined(separator: " ")) exited "
                                          + "\(process.terminationStatus): \(String(decoding: text, as: UTF8.self))")
        }
    }
}

/// `openssl` failed while making the test certificates.
struct TLSTestCertificateError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
