/// One item of a scene's drawing list. Backends draw them in order; nothing else is needed.
public enum Primitive: Sendable, Equatable {
    /// A connected line; backends stroke it in chunks, so very long lines stay cheap.
    case polyline([Point], StrokeStyle)
    /// Markers of one shape centred on points; `size` is the diameter in points.
    case markers([Point], shape: MarkerShape, size: Double, fill: Color, opacity: Double, stroke: StrokeStyle?)
    /// A closed polygon filled with one colour (e.g. the min-max band of a dense line).
    case area([Point], fill: Color, opacity: Double)
    /// A filled (optionally stroked) rectangle, e.g. a shaded band or the legend's swatch.
    case rect(Rect, fill: Color?, opacity: Double, stroke: StrokeStyle?)
    case text(String, at: Point, style: TextStyle)
    /// Restricts the following primitives to `Rect` until the matching `popClip`.
    case pushClip(Rect)
    case popClip
}
