import Engine
import Store

/// The version line: Workbench's own version and the libraries it runs on.
enum VersionInfo {
    static let version = "0.1.0"
    static var text: String {
        "workbench \(version) (libcurl \(CurlTransport.libcurlVersion), SQLite \(RunStore.sqliteVersion))"
    }
}
