/// Reads fuzz bytes as a stream of decisions, deterministically: the same bytes always give the same values.
/// When the bytes run out every read returns its smallest value, so any input decodes to something.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// True when every byte has been read.
    public var isAtEnd: Bool { position >= bytes.count }

    /// The next byte, or 0 at the end.
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// An integer in `range`, from one or two bytes.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = range.upperBound - range.lowerBound
        guard width > 0 else { return range.lowerBound }
        let raw = width < 256 ? Int(byte()) : Int(byte()) << 8 | Int(byte())
        return range.lowerBound + raw % (width + 1)
    }

    /// One of `choices` (which must not be empty).
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[int(in: 0...(choices.count - 1))]
    }

    /// Up to `maxCount` raw bytes: a length byte, then that many bytes.
    public mutating func data(maxCount: Int = 255) -> [UInt8] {
        let count = min(int(in: 0...255), maxCount, bytes.count - min(position, bytes.count))
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// A string made of `data(maxCount:)` decoded as UTF-8 (invalid sequences repaired).
    public mutating func string(maxCount: Int = 255) -> String {
        String(decoding: data(maxCount: maxCount), as: UTF8.self)
    }

    /// Either one of `vocabulary` or arbitrary text, so that meaningful tokens turn up often.
    public mutating func token(_ vocabulary: [String], maxCount: Int = 64) -> String {
        bool() ? pick(vocabulary) : string(maxCount: maxCount)
    }

    /// Every byte not read yet.
    public mutating func rest() -> [UInt8] {
        defer { position = bytes.count }
        return position < bytes.count ? Array(bytes[position...]) : []
    }
}
