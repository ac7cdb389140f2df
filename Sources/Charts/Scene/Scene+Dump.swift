extension Scene {
    /// A stable, line-oriented text form of the scene for golden tests: one primitive a line,
    /// coordinates rounded to 0.1 pt, colours as hex.
    public func dump() -> String {
        var lines = ["scene \(Self.number(width))x\(Self.number(height))"]
        var depth = 0
        for primitive in primitives {
            if case .popClip = primitive { depth -= 1 }
            let indent = String(repeating: "  ", count: max(depth, 0))
            lines.append(indent + Self.describe(primitive))
            if case .pushClip = primitive { depth += 1 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ primitive: Primitive) -> String {
        switch primitive {
        case let .polyline(points, style):
            return "polyline \(stroke(style)) n=\(points.count) " + points.map(point).joined(separator: " ")
        case let .markers(points, shape, size, fill, opacity, outline):
            var s = "markers \(shape.rawValue) size=\(number(size)) fill=\(fill.hexString)"
            if opacity != 1 { s += " opacity=\(number(opacity))" }
            if let outline { s += " outline(\(stroke(outline)))" }
            return s + " n=\(points.count) " + points.map(point).joined(separator: " ")
        case let .area(points, fill, opacity):
            var s = "area fill=\(fill.hexString)"
            if opacity != 1 { s += " opacity=\(number(opacity))" }
            return s + " n=\(points.count) " + points.map(point).joined(separator: " ")
        case let .rect(r, fill, opacity, outline):
            var s = "rect \(rect(r))"
            if let fill { s += " fill=\(fill.hexString)" }
            if opacity != 1 { s += " opacity=\(number(opacity))" }
            if let outline { s += " outline(\(stroke(outline)))" }
            return s
        case let .text(string, at, style):
            var s = "text \(point(at)) size=\(number(style.size))"
            if style.weight != .regular { s += " \(style.weight.rawValue)" }
            s += " \(style.anchor.rawValue)/\(style.baseline.rawValue)"
            if style.rotation != 0 { s += " rot=\(number(style.rotation))" }
            if style.color != Palette.ink { s += " color=\(style.color.hexString)" }
            return s + " \"\(string)\""
        case let .pushClip(r):
            return "clip \(rect(r)) {"
        case .popClip:
            return "}"
        }
    }

    static func stroke(_ style: StrokeStyle) -> String {
        var s = "stroke=\(style.color.hexString) w=\(number(style.width))"
        if style.opacity != 1 { s += " opacity=\(number(style.opacity))" }
        if !style.dash.isEmpty { s += " dash=" + style.dash.map(number).joined(separator: ",") }
        return s
    }

    static func point(_ p: Point) -> String { "\(number(p.x)),\(number(p.y))" }

    static func rect(_ r: Rect) -> String {
        "\(number(r.x)),\(number(r.y)) \(number(r.width))x\(number(r.height))"
    }

    /// Rounds to one decimal and drops a trailing `.0`; never prints `-0`.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        let tenths = (v * 10).rounded()
        if tenths == 0 { return "0" }
        let whole = Int(tenths) / 10
        let frac = abs(Int(tenths) % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return frac == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
    }
}
