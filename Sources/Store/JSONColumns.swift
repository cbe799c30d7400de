import Engine

/// Why a stored JSON column could not be read back.
struct JSONColumnError: Error, Sendable, Hashable {
    var message: String
}
