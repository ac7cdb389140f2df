import Charts
import RunModel

/// Writes a scene as SVG by hand rather than through Cairo: Cairo 1.16 turns text into glyph
/// outlines whose ids (`glyph0-1`) repeat in every file, so text could not be selected and two
/// inline charts on one page broke each other. Here text stays `<text>` and every id carries a
/// prefix derived from the drawing (see `insertingIDPrefix`).
///
/// Written straight into bytes, numbers formatted digit by digit: the charts of one report hold tens
/// of thousands of coordinates, and building a `String` per number made SVG writing the largest
/// part of the HTML report's CPU.
enum SVGSceneWriter {
    static func svg(_ scene: Scene) -> [UInt8] {
        var out = SVGBytes()
        var idSlots: [Int] = []
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        out.number(scene.width)
        out += "pt\" height=\""
        out.number(scene.height)
        out += "pt\" viewBox=\"0 0 "
        out.number(scene.width)
        out += " "
        out.number(scene.height)
        out += "\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n"
        out += darkStyle
        var clipCount = 0
        var open = 0
        for primitive in scene.primitives {
            switch primitive {
            case let .polyline(points, style):
                guard points.count > 1 else { continue }
                out += "<polyline fill=\"none\" "
                out += stroke(style)
                out += " points=\""
                out.points(points)
                out += "\"/>\n"
            case let .markers(points, shape, size, fill, opacity, outline):
                out += "<g fill=\"\(fill.hexString)\"\(opacity < 1 ? " fill-opacity=\"\(n(opacity))\"" : "")"
                if let outline { out += " " + stroke(outline) }
                if shape == .cross { out += " " + stroke(StrokeStyle(color: fill, width: 1.5, opacity: opacity)) }
                out += ">\n"
                for p in points {
                    marker(shape, p, size, to: &out)
                    out += "\n"
                }
                out += "</g>\n"
            case let .area(points, fill, opacity):
                guard points.count > 2 else { continue }
                out += "<polygon fill=\"\(fill.hexString)\"\(opacity < 1 ? " fill-opacity=\"\(n(opacity))\"" : "") points=\""
                out.points(points)
                out += "\"/>\n"
            case let .rect(r, fill, opacity, outline):
                var tag = "<rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\""
                tag += fill.map { " fill=\"\($0.hexString)\"" } ?? " fill=\"none\""
                if opacity < 1 { tag += " fill-opacity=\"\(n(opacity))\"" }
                if let outline { tag += " " + stroke(outline) }
                out += tag + "/>\n"
            case let .text(string, at, style):
                out += text(string, at: at, style: style) + "\n"
            case let .pushClip(r):
                clipCount += 1
                out += "<clipPath id=\""
                idSlots.append(out.bytes.count)
                out += "-clip\(clipCount)\"><rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\"/></clipPath>\n"
                out += "<g clip-path=\"url(#"
                idSlots.append(out.bytes.count)
                out += "-clip\(clipCount))\">\n"
                open += 1
            case .popClip:
                if open > 0 {
                    out += "</g>\n"
                    open -= 1
                }
            }
        }
        for _ in 0..<open { out += "</g>\n" }
        out += "</svg>\n"
        return insertingIDPrefix(into: out.bytes, at: idSlots)
    }

    /// Puts the id prefix, `c` and a 64-bit FNV-1a of the SVG written without it (base 36), at each
    /// slot: the same drawing always gets the same ids, and different drawings inline in one page
    /// do not share any. Hashing the bytes just written costs a fraction of hashing a text dump of
    /// the scene, which this used to do.
    static func insertingIDPrefix(into body: [UInt8], at slots: [Int]) -> [UInt8] {
        guard !slots.isEmpty else { return body }
        var hash = FNV1a()
        hash.write(body)
        let prefix = Array(("c" + String(hash.value, radix: 36)).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(body.count + slots.count * prefix.count)
        var start = 0
        for slot in slots {
            out.append(contentsOf: body[start..<slot])
            out.append(contentsOf: prefix)
            start = slot
        }
        out.append(contentsOf: body[start...])
        return out
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

    static func marker(_ shape: MarkerShape, _ p: Point, _ size: Double, to out: inout SVGBytes) {
        let r = size / 2
        func poly(_ c: [(Double, Double)]) {
            out += "<polygon points=\""
            for (i, corner) in c.enumerated() {
                if i > 0 { out += " " }
                out.number(corner.0)
                out += ","
                out.number(corner.1)
            }
            out += "\"/>"
        }
        switch shape {
        case .circle:
            out += "<circle cx=\""
            out.number(p.x)
            out += "\" cy=\""
            out.number(p.y)
            out += "\" r=\""
            out.number(r)
            out += "\"/>"
        case .square:
            out += "<rect x=\"\(n(p.x - r))\" y=\"\(n(p.y - r))\" width=\"\(n(size))\" height=\"\(n(size))\"/>"
        case .diamond: poly([(p.x, p.y - r * 1.2), (p.x + r, p.y), (p.x, p.y + r * 1.2), (p.x - r, p.y)])
        case .triangleUp: poly([(p.x, p.y - r), (p.x + r, p.y + r * 0.8), (p.x - r, p.y + r * 0.8)])
        case .triangleDown: poly([(p.x, p.y + r), (p.x + r, p.y - r * 0.8), (p.x - r, p.y - r * 0.8)])
        case .cross:
            out += "<path d=\"M\(n(p.x - r)),\(n(p.y - r))L\(n(p.x + r)),\(n(p.y + r))M\(n(p.x - r)),\(n(p.y + r))L\(n(p.x + r)),\(n(p.y - r))\"/>"
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
        var out = SVGBytes()
        out.number(v)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

/// The SVG text being written, as UTF-8 bytes.
struct SVGBytes {
    var bytes: [UInt8] = []

    static func += (out: inout SVGBytes, text: String) {
        out.bytes.append(contentsOf: text.utf8)
    }

    /// `x,y x,y ...`
    mutating func points(_ points: [Point]) {
        for (i, p) in points.enumerated() {
            if i > 0 { bytes.append(0x20) }
            number(p.x)
            bytes.append(0x2C)
            number(p.y)
        }
    }

    /// Two decimals, trailing zeros dropped, no `-0`; 0 for a non-finite value.
    mutating func number(_ v: Double) {
        guard v.isFinite else { return bytes.append(0x30) }
        let hundredths = (v * 100).rounded()
        if hundredths == 0 { return bytes.append(0x30) }
        if hundredths < 0 { bytes.append(0x2D) }
        let a = Int(abs(hundredths))
        digits(a / 100)
        let frac = a % 100
        guard frac != 0 else { return }
        bytes.append(0x2E)
        bytes.append(0x30 + UInt8(frac / 10))
        if frac % 10 != 0 { bytes.append(0x30 + UInt8(frac % 10)) }
    }

    /// The decimal digits of a non-negative integer.
    private mutating func digits(_ value: Int) {
        if value >= 10 { digits(value / 10) }
        bytes.append(0x30 + UInt8(value % 10))
    }
}

/// 64-bit FNV-1a of the bytes written into it (the SVG id prefix).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func write(_ bytes: [UInt8]) {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x100_0000_01b3
        }
    }
}
