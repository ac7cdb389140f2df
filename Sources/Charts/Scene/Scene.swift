/// A flat drawing list of primitives with a size in points: what a chart looks like, with no
/// drawing library involved. Backends render it; tests compare its `dump()`.
public struct Scene: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var primitives: [Primitive]

    public init(width: Double, height: Double, primitives: [Primitive] = []) {
        self.width = width
        self.height = height
        self.primitives = primitives
    }

    public mutating func add(_ primitive: Primitive) {
        primitives.append(primitive)
    }

    public mutating func add(contentsOf other: [Primitive]) {
        primitives.append(contentsOf: other)
    }
}
