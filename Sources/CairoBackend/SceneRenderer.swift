import CCairo
import Charts
import Foundation

/// Draws a `Scene` with Cairo. It is deliberately dumb: stroke, fill, text, clip, save/restore.
public enum SceneRenderer {
    /// Segments per stroke: a single stroke of a long self-intersecting path is pathological for
    /// Cairo's rasteriser (a 1e6-point stroke took 171 s), so long lines are stroked in chunks.
    static let segmentsPerStroke = 100

    /// Draws `scene` onto `context` with its top-left corner at `origin` (in the context's units).
    public static func draw(_ scene: Scene, on context: CairoContext, at origin: Point = Point(x: 0, y: 0)) {
        let cr = context.pointer
        cairo_save(cr)
        cairo_translate(cr, origin.x, origin.y)
        var clips = 0
        for primitive in scene.primitives {
            switch primitive {
            case let .polyline(points, style):
                polyline(cr, points, style)
            case let .markers(points, shape, size, fill, opacity, stroke):
                markers(cr, points, shape: shape, size: size, fill: fill, opacity: opacity, stroke: stroke)
            case let .area(points, fill, opacity):
                guard points.count > 2 else { continue }
                polygon(cr, points.map { ($0.x, $0.y) })
                setColor(cr, fill, opacity)
                cairo_fill(cr)
            case let .rect(r, fill, opacity, stroke):
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                if let fill {
                    setColor(cr, fill, opacity)
                    if stroke == nil { cairo_fill(cr) } else { cairo_fill_preserve(cr) }
                }
                if let stroke {
                    apply(cr, stroke)
                    cairo_stroke(cr)
                }
            case let .text(string, at, style):
                text(cr, string, at: at, style: style)
            case let .pushClip(r):
                cairo_save(cr)
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                cairo_clip(cr)
                clips += 1
            case .popClip:
                if clips > 0 {
                    cairo_restore(cr)
                    clips -= 1
                }
            }
        }
        for _ in 0..<clips { cairo_restore(cr) }
        cairo_restore(cr)
    }

    static func setColor(_ cr: OpaquePointer, _ color: Charts.Color, _ opacity: Double) {
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, opacity)
    }

    static func apply(_ cr: OpaquePointer, _ style: StrokeStyle, opaque: Bool = false) {
        setColor(cr, style.color, opaque ? 1 : style.opacity)
        cairo_set_line_width(cr, style.width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        if style.dash.isEmpty {
            cairo_set_dash(cr, nil, 0, 0)
        } else {
            style.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        }
    }

    /// How translucent lines are antialiased on raster surfaces (vector surfaces ignore it).
    ///
    /// A translucent line is a chart's faint raw series: thousands of short, self-overlapping
    /// segments. Cairo's default scan converter samples 256 x 15 positions per pixel and spent more
    /// on such a line than on the rest of its chart (about 10 ms per 1080 x 540 chart); the fast one
    /// samples 4 x 4 (two to three times cheaper). On a raw line drawn at 28% opacity, pixels at the
    /// line's edges come out a shade lighter or darker: at most 34 of 255 levels on a channel, 7 on
    /// average (`SceneRendererAntialiasTests` bounds it). Opaque lines keep the default.
    static let translucentLineAntialias = CAIRO_ANTIALIAS_FAST

    /// On raster surfaces a line is stroked in chunks (`segmentsPerStroke`), and a translucent one is
    /// drawn opaque into a group then painted with its opacity, so the overlaps of a dense line and
    /// the joints between chunks do not darken.
    ///
    /// A PDF page paints each stroke as one shape, overlaps included, so there the line is one path
    /// stroked with its opacity: the same picture, and Cairo's PDF writer works through the points
    /// once instead of three times (the group, the group's ink extents, the page); a raw line of 2,000
    /// points cost 7.6 ms of the PDF's CPU as a group, 4.8 ms as one path.
    static func polyline(_ cr: OpaquePointer, _ points: [Point], _ style: StrokeStyle,
                         translucentAntialias: cairo_antialias_t = translucentLineAntialias) {
        guard points.count > 1 else { return }
        let vector = isVector(cr)
        let grouped = !vector && style.opacity < 1 && points.count > 2
        if grouped {
            cairo_push_group(cr)
            cairo_set_antialias(cr, translucentAntialias)
        }
        apply(cr, style, opaque: grouped)
        cairo_move_to(cr, points[0].x, points[0].y)
        var segments = 0
        for p in points.dropFirst() {
            cairo_line_to(cr, p.x, p.y)
            segments += 1
            if segments == segmentsPerStroke && !vector {
                cairo_stroke(cr)
                cairo_move_to(cr, p.x, p.y)
                segments = 0
            }
        }
        if segments > 0 { cairo_stroke(cr) } else { cairo_new_path(cr) }
        if grouped {
            cairo_pop_group_to_source(cr)
            cairo_paint_with_alpha(cr, style.opacity)
        }
    }

    /// Whether `cr` draws onto a PDF (vector) surface rather than an image.
    static func isVector(_ cr: OpaquePointer) -> Bool {
        cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_PDF
    }

    static func markers(_ cr: OpaquePointer, _ points: [Point], shape: MarkerShape, size: Double, fill: Charts.Color,
                        opacity: Double, stroke: StrokeStyle?) {
        let r = size / 2
        for p in points {
            switch shape {
            case .circle:
                cairo_new_sub_path(cr)
                cairo_arc(cr, p.x, p.y, r, 0, 2 * Double.pi)
            case .square:
                cairo_rectangle(cr, p.x - r, p.y - r, size, size)
            case .diamond:
                polygon(cr, [(p.x, p.y - r * 1.2), (p.x + r, p.y), (p.x, p.y + r * 1.2), (p.x - r, p.y)])
            case .triangleUp:
                polygon(cr, [(p.x, p.y - r), (p.x + r, p.y + r * 0.8), (p.x - r, p.y + r * 0.8)])
            case .triangleDown:
                polygon(cr, [(p.x, p.y + r), (p.x + r, p.y - r * 0.8), (p.x - r, p.y - r * 0.8)])
            case .cross:
                cairo_move_to(cr, p.x - r, p.y - r)
                cairo_line_to(cr, p.x + r, p.y + r)
                cairo_move_to(cr, p.x - r, p.y + r)
                cairo_line_to(cr, p.x + r, p.y - r)
            }
        }
        if shape == .cross {
            apply(cr, stroke ?? StrokeStyle(color: fill, width: 1.5, opacity: opacity))
            cairo_stroke(cr)
            return
        }
        setColor(cr, fill, opacity)
        if let stroke {
            cairo_fill_preserve(cr)
            apply(cr, stroke)
            cairo_stroke(cr)
        } else {
            cairo_fill(cr)
        }
    }

    static func polygon(_ cr: OpaquePointer, _ corners: [(Double, Double)]) {
        guard let first = corners.first else { return }
        cairo_move_to(cr, first.0, first.1)
        for c in corners.dropFirst() { cairo_line_to(cr, c.0, c.1) }
        cairo_close_path(cr)
    }

    static func selectFont(_ cr: OpaquePointer, size: Double, weight: TextStyle.Weight) {
        cairo_select_font_face(cr, TextStyle.fontFamily, CAIRO_FONT_SLANT_NORMAL,
                               weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    /// Real text (the toy API keeps it as text in PDF), anchored and rotated as the style says.
    static func text(_ cr: OpaquePointer, _ string: String, at: Point, style: TextStyle) {
        guard !string.isEmpty else { return }
        cairo_save(cr)
        selectFont(cr, size: style.size, weight: style.weight)
        var font = cairo_font_extents_t()
        cairo_font_extents(cr, &font)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, string, &extents)
        let dx: Double
        switch style.anchor {
        case .start: dx = 0
        case .middle: dx = -extents.x_advance / 2
        case .end: dx = -extents.x_advance
        }
        let dy: Double
        switch style.baseline {
        case .alphabetic: dy = 0
        case .top: dy = font.ascent
        case .middle: dy = (font.ascent - font.descent) / 2
        case .bottom: dy = -font.descent
        }
        cairo_translate(cr, at.x, at.y)
        if style.rotation != 0 { cairo_rotate(cr, -style.rotation * Double.pi / 180) }
        cairo_move_to(cr, dx, dy)
        setColor(cr, style.color, 1)
        cairo_show_text(cr, string)
        cairo_new_path(cr)
        cairo_restore(cr)
    }
}
