import ArgumentParser
import Dispatch
import FixtureServer
#if canImport(Glibc)
import Glibc
#endif

/// `workbench serve`: the built-in fixture server, in the foreground until Ctrl-C.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the built-in fixture server (an httpbin-like server on 127.0.0.1, two ports = two origins)."
    )

    @Option(name: .long, help: "Port of the cross-origin API listener ({{base}}, 127.0.0.1); 0 picks a free one.")
    var port: Int = 8080

    @Option(name: .customLong("page-port"), help: "Port of the page-origin listener ({{page}}, localhost); 0 picks a free one.")
    var pagePort: Int = 0

    @Option(name: .long, help: "Address to bind (127.0.0.1 unless told otherwise).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Serve the conformance page files of this directory at /__conformance/<file> and /worker.js, with a results mailbox (scripts/conformance).")
    var conformance: String?

    func run() throws {
        let server: FixtureServer
        ConformancePages.setDirectory(conformance)
        do {
            server = try FixtureServer.start(FixtureServerConfiguration(host: host, pagePort: pagePort, basePort: port))
        } catch {
            Terminal.stderr.printError("cannot start the fixture server: \(error)")
            throw ExitCode(ExitStatus.failed)
        }
        let out = Terminal.stdout
        out.line("fixture server listening:")
        out.line("  base (API):  \(server.baseURL)")
        out.line("  page origin: \(server.pageURL)")
        out.line("routes: /echo /get /headers /status/{code} /delay/{ms} /bytes/{n} /redirect/{n} /redirect-to /cookies /json /gzip /__log")
        if let conformance { out.line("conformance files from \(conformance): \(server.pageURL)/__conformance/page.html") }
        out.line("Ctrl-C stops it.")
        let done = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            _ = Glibc.signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { done.signal() }
            source.resume()
            sources.append(source)
        }
        done.wait()
        server.stop()
        _ = sources
    }
}
