import RunModel

/// Typed reads of parsed values, for the few places that map a producer's JSON to `RunMetadata`.
extension JSONValue {
    var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .number(let d): return StepRule.whole(d)
        default: return nil
        }
    }

    var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// A scalar as text (strings bare, numbers and booleans as JSON writes them); nil for null and containers.
    var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .int, .number, .bool: return serialized(pretty: false)
        default: return nil
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }
}
