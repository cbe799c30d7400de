/// Why the fixture server's HTTPS listener could not be set up: a PEM file that is missing,
/// unreadable or holds no usable certificate or key. ``message`` names the file.
public struct FixtureTLSError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the file.
    public var message: String

    /// Creates an error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
