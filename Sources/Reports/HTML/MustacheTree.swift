import Mustache

/// A page's view with every plain struct turned into a `[String: Any]` once, before rendering.
///
/// Mustache finds a name in a plain struct through `Mirror`: a walk over all the struct's fields for
/// every lookup, about 80,000 instructions each on the report page's view, and a page makes hundreds
/// of lookups (7% of a four-format report's CPU). Reflecting each struct once and looking names up
/// in dictionaries renders the same text: Mustache unwraps an optional field the same way, and a
/// nil one is a missing key either way. Values that render or look names up themselves (strings,
/// numbers, anything `CustomStringConvertible`, Mustache's own protocols) are kept as they are, as
/// are arrays of them, so transforms such as `sorted` still apply.
enum MustacheTree {
    static func build(_ value: Any) -> Any {
        converted(value) ?? value
    }

    /// `value` converted, or nil when it is kept as it is.
    private static func converted(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct?, .class?:
            guard !(value is CustomStringConvertible), !(value is MustacheParent), !(value is MustacheLambda),
                  !(value is MustacheCustomRenderable), !(value is MustacheTransformable)
            else { return nil }
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, let field = unwrapped(child.value) else { continue }
                fields[label] = converted(field) ?? field
            }
            return fields
        case .collection?:
            var changed = false
            let elements = mirror.children.map { child -> Any in
                guard let element = converted(child.value) else { return child.value }
                changed = true
                return element
            }
            return changed ? elements : nil
        default:
            return nil
        }
    }

    /// The value an optional holds (nil for none); any other value as it is.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map(\.value)
    }
}
