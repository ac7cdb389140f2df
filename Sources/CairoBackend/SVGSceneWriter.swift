import Charts
import RunModel

/// Writes a scene as SVG by hand rather than through Cairo: Cairo 1.16 turns text into glyph
/// outlines whose ids (`glyph0-1`) repeat in every file, so text could not be selected and two
/// inline charts on one page broke each other. Here text stays `<text>` and every id carries a
/// prefix derived from the scene's content.
enum SVGSceneWriter {
    static func svg(_ scene: Scene) -> String {
        let prefix = "c" + String(fnv1a(scene.dump()), radix: 36)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(scene.width))pt\" height=\"\(n(scene.height))pt\" "
        out += "viewBox=\"0 0 \(n(scene.width)) \(n(scene.height))\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n"
        out += darkStyle
        var clipCount = 0
        var open = 0
        for primitive in scene.primitives {
            switch primitive {
            case let .polyline(points, style):
                guard points.count > 1 else { continue }
                out += "<polyline fill=\"none\" \(stroke(style)) points=\""
                out += points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ") + "\"/>\n"
            case let .markers(points, shape, size, fill, opacity, outline):
                out += "<g fill=\"\(fill.hexString)\"\(opacity < 1 ? " fill-opacity=\"\(n(opacity))\"" : "")"
                if let outline { out += " " + stroke(outline) }
                if shape == .cross { out += " " + stroke(StrokeStyle(color: fill, width: 1.5, opacity: opacity)) }
                out += ">\n"
                for p in points { out += marker(shape, p, size) + "\n" }
                out += "</g>\n"
            case let .area(points, fill, opacity):
                guard points.count > 2 else { continue }
                out += "<polygon fill=\"\(fill.hexString)\"\(opacity < 1 ? " fill-opacity=\"\(n(opacity))\"" : "") points=\""
                out += points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ") + "\"/>\n"
            case let .rect(r, fill, opacity, outline):
                out += "<rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\""
                out += fill.map { " fill=\"\($0.hexString)\"" } ?? " fill=\"none\""
                if opacity < 1 { out += " fill-opacity=\"\(n(opacity))\"" }
                if let outline { out += " " + stroke(outline) }
                out += "/>\n"
            case let .text(string, at, style):
                out += text(string, at: at, style: style) + "\n"
            case let .pushClip(r):
                clipCount += 1
                let id = "\(prefix)-clip\(clipCount)"
                out += "<clipPath id=\"\(id)\"><rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\"/></clipPath>\n"
                out += "<g clip-path=\"url(#\(id))\">\n"
                open += 1
            case .popClip:
                if open > 0 {
                    out += "</g>\n"
                    open -= 1
                }
            }
        }
        out += String(repeating: "</g>\n", count: open)
        return out + "</svg>\n"
    }

    /// Dark mode: the page, ink, grid and the one palette colour too dark for a dark background are
    /// swapped by CSS when the viewer prefers a dark scheme (browsers apply it to SVG shown through
    /// `<img>` too); attribute selectors, so the drawing itself stays plain SVG. PDF and PNG output
    /// do not go through here and stay light.
    static let darkStyle: String = {
        let swaps: [(light: Color, dark: String)] = [
            (.white, "#1e2329"), (Palette.ink, "#e6e8eb"), (Palette.mutedInk, "#a9b0b8"), (Palette.grid, "#353b43"),
            (Palette.blue, "#5aa9e6"),
        ]
        var rules = ""
        for (light, dark) in swaps {
            rules += "[fill=\"\(light.hexString)\"]{fill:\(dark)}[stroke=\"\(light.hexString)\"]{stroke:\(dark)}"
        }
        return "<style>@media (prefers-color-scheme: dark){\(rules)}</style>\n"
    }()

    static func stroke(_ s: StrokeStyle) -> String {
        var out = "stroke=\"\(s.color.hexString)\" stroke-width=\"\(n(s.width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        if s.opacity < 1 { out += " stroke-opacity=\"\(n(s.opacity))\"" }
        if !s.dash.isEmpty { out += " stroke-dasharray=\"\(s.dash.map(n).joined(separator: ","))\"" }
        return out
    }

    static func marker(_ shape: MarkerShape, _ p: Point, _ size: Double) -> String {
        let r = size / 2
        func poly(_ c: [(Double, Double)]) -> String {
            "<polygon points=\"" + c.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ") + "\"/>"
        }
        switch shape {
        case .circle: return "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(r))\"/>"
        case .square: return "<rect x=\"\(n(p.x - r))\" y=\"\(n(p.y - r))\" width=\"\(n(size))\" height=\"\(n(size))\"/>"
        case .diamond: return poly([(p.x, p.y - r * 1.2), (p.x + r, p.y), (p.x, p.y + r * 1.2), (p.x - r, p.y)])
        case .triangleUp: return poly([(p.x, p.y - r), (p.x + r, p.y + r * 0.8), (p.x - r, p.y + r * 0.8)])
        case .triangleDown: return poly([(p.x, p.y + r), (p.x + r, p.y - r * 0.8), (p.x - r, p.y - r * 0.8)])
        case .cross:
            return "<path d=\"M\(n(p.x - r)),\(n(p.y - r))L\(n(p.x + r)),\(n(p.y + r))M\(n(p.x - r)),\(n(p.y + r))L\(n(p.x + r)),\(n(p.y - r))\"/>"
        }
    }

    static func text(_ string: String, at: Point, style: TextStyle) -> String {
        let anchor: String
        switch style.anchor {
        case .start: anchor = "start"
        case .middle: anchor = "middle"
        case .end: anchor = "end"
        }
        // dominant-baseline is unevenly supported; shift by font metrics (DejaVu: ascent 0.928 em,
        // descent 0.236 em) instead.
        let dy: Double
        switch style.baseline {
        case .alphabetic: dy = 0
        case .top: dy = 0.928 * style.size
        case .middle: dy = (0.928 - 0.236) / 2 * style.size
        case .bottom: dy = -0.236 * style.size
        }
        var attributes = "font-size=\"\(n(style.size))\" fill=\"\(style.color.hexString)\" text-anchor=\"\(anchor)\""
        if style.weight == .bold { attributes += " font-weight=\"bold\"" }
        let transform = style.rotation != 0
            ? " transform=\"translate(\(n(at.x)),\(n(at.y))) rotate(\(n(-style.rotation)))\"" : ""
        let x = style.rotation != 0 ? 0 : at.x
        let y = style.rotation != 0 ? dy : at.y + dy
        return "<text x=\"\(n(x))\" y=\"\(n(y))\" \(attributes)\(transform)>\(escape(string))</text>"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in ControlCharacters.replaced(in: s) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Two decimals, trailing zeros dropped, no `-0`.
    static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let hundredths = (v * 100).rounded()
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let a = Int(abs(hundredths))
        let whole = a / 100, frac = a % 100
        if frac == 0 { return "\(sign)\(whole)" }
        return frac % 10 == 0 ? "\(sign)\(whole).\(frac / 10)" : "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }

    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
