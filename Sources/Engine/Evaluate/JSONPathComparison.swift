/// RFC 9535 comparison rules (§2.3.5.2.2) over values that may be Nothing (`nil`).
enum JSONPathComparison {
    static func compare(_ left: JSONValue?, _ op: JSONPathComparisonOperator, _ right: JSONValue?) -> Bool {
        switch op {
        case .equal: return equal(left, right)
        case .notEqual: return !equal(left, right)
        case .less: return less(left, right)
        case .lessOrEqual: return less(left, right) || equal(left, right)
        case .greater: return less(right, left)
        case .greaterOrEqual: return less(right, left) || equal(left, right)
        }
    }

    /// Nothing equals only Nothing; values compare by JSON equality.
    static func equal(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case (let l?, let r?): return equal(l, r)
        default: return false
        }
    }

    /// Only numbers (numerically) and strings (by Unicode scalar values) are ordered.
    static func less(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (.number(let l)?, .number(let r)?): return l < r
        case (.string(let l)?, .string(let r)?): return scalarsLess(l, r)
        default: return false
        }
    }

    /// JSON equality: numbers numerically, strings by scalars, arrays element-wise, objects as sets of members.
    static func equal(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.null, .null): return true
        case (.bool(let l), .bool(let r)): return l == r
        case (.number(let l), .number(let r)): return l == r
        case (.string(let l), .string(let r)): return scalarsEqual(l, r)
        case (.array(let l), .array(let r)):
            return l.count == r.count && zip(l, r).allSatisfy { equal($0, $1) }
        case (.object(let l), .object(let r)):
            let lm = l.distinctMembers
            let rm = r.distinctMembers
            guard lm.count == rm.count else { return false }
            return lm.allSatisfy { member in
                guard let other = r.member(named: member.key) else { return false }
                return equal(member.value, other)
            }
        default: return false
        }
    }

    static func scalarsEqual(_ l: String, _ r: String) -> Bool {
        l.unicodeScalars.elementsEqual(r.unicodeScalars)
    }

    static func scalarsLess(_ l: String, _ r: String) -> Bool {
        l.unicodeScalars.lexicographicallyPrecedes(r.unicodeScalars) { $0.value < $1.value }
    }
}

extension JSONObject {
    /// The value of the member whose name is exactly `name` (same Unicode scalars); the last one if repeated.
    func member(named name: String) -> JSONValue? {
        members.last(where: { JSONPathComparison.scalarsEqual($0.key, name) })?.value
    }

    /// The members with repeated names removed (the last occurrence wins, at its position).
    var distinctMembers: [(key: String, value: JSONValue)] {
        if members.count < 2 { return members }
        if Set(members.map(\.key)).count == members.count { return members }
        var result: [(key: String, value: JSONValue)] = []
        for (i, member) in members.enumerated() {
            let repeatedLater = members[(i + 1)...].contains { JSONPathComparison.scalarsEqual($0.key, member.key) }
            if !repeatedLater { result.append(member) }
        }
        return result
    }
}
