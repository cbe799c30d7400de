#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The strings of the last column decoded, by position (a slot per member or header), with their bytes
/// as stored: a value repeated from one result to the next (a run's URL, most response headers) is then
/// recognised by comparing bytes and shared, instead of being scanned and decoded again.
///
/// A string's value follows from its stored bytes alone, so a shared string is the one decoding would give.
struct ColumnStringReuse {
    private var slots: [Slot] = []

    private struct Slot {
        var raw: [UInt8] = []
        var value = ""
    }

    /// The string whose stored bytes (between the quotes) are `bytes[start...]` up to a closing quote,
    /// when that is what the slot holds; the number of bytes it covers comes with it.
    func match(_ slot: Int, _ bytes: UnsafeRawBufferPointer, at start: Int) -> (value: String, count: Int)? {
        guard slot < slots.count else { return nil }
        let count = slots[slot].raw.count
        // The slot's bytes hold no unescaped quote (they were a whole string's), so a quote right after
        // them closes the string there.
        guard bytes.count - start > count, bytes[start + count] == UInt8(ascii: "\""), let base = bytes.baseAddress else {
            return nil
        }
        let same = slots[slot].raw.withUnsafeBytes { raw in
            guard let slotBase = raw.baseAddress else { return count == 0 }
            return memcmp(slotBase, base + start, count) == 0
        }
        return same ? (slots[slot].value, count) : nil
    }

    /// Keeps `value` and its stored bytes in `slot`.
    mutating func store(_ slot: Int, raw: UnsafeRawBufferPointer, value: String) {
        while slots.count <= slot { slots.append(Slot()) }
        slots[slot].raw.removeAll(keepingCapacity: true)
        slots[slot].raw.append(contentsOf: raw)
        slots[slot].value = value
    }
}
