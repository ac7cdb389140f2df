/// Shapes for point markers.
public enum MarkerShape: String, Sendable {
    case circle
    case square
    case diamond
    /// Points up: used for values off the top edge (non-finite or clipped).
    case triangleUp
    case triangleDown
    case cross
}
