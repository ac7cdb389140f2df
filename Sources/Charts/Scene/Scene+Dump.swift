extension Scene {
    /// A stable, line-oriented text form of the scene for golden tests: one primitive a line,
    /// coordinates rounded to 0.1 pt, colours as hex.
    public func dump() -> String {
        var text = ""
        dump(to: &text)
        return text
    }

    /// Writes `dump()` piece by piece into `target`.
    public func dump<Target: TextOutputStream>(to target: inout Target) {
        target.write("scene \(Self.number(width))x\(Self.number(height))\n")
        var depth = 0
        for primitive in primitives {
            if case .popClip = primitive { depth -= 1 }
            for _ in 0..<max(depth, 0) { target.write("  ") }
            Self.describe(primitive, to: &target)
            target.write("\n")
            if case .pushClip = primitive { depth += 1 }
        }
    }

    static func describe<Target: TextOutputStream>(_ primitive: Primitive, to out: inout Target) {
        switch primitive {
        case let .polyline(points, style):
            out.write("polyline \(stroke(style)) n=\(points.count) ")
            write(points, to: &out)
        case let .markers(points, shape, size, fill, opacity, outline):
            out.write("markers \(shape.rawValue) size=\(number(size)) fill=\(fill.hexString)")
            if opacity != 1 { out.write(" opacity=\(number(opacity))") }
            if let outline { out.write(" outline(\(stroke(outline)))") }
            out.write(" n=\(points.count) ")
            write(points, to: &out)
        case let .area(points, fill, opacity):
            out.write("area fill=\(fill.hexString)")
            if opacity != 1 { out.write(" opacity=\(number(opacity))") }
            out.write(" n=\(points.count) ")
            write(points, to: &out)
        case let .rect(r, fill, opacity, outline):
            out.write("rect \(rect(r))")
            if let fill { out.write(" fill=\(fill.hexString)") }
            if opacity != 1 { out.write(" opacity=\(number(opacity))") }
            if let outline { out.write(" outline(\(stroke(outline)))") }
        case let .text(string, at, style):
            out.write("text \(point(at)) size=\(number(style.size))")
            if style.weight != .regular { out.write(" \(style.weight.rawValue)") }
            out.write(" \(style.anchor.rawValue)/\(style.baseline.rawValue)")
            if style.rotation != 0 { out.write(" rot=\(number(style.rotation))") }
            if style.color != Palette.ink { out.write(" color=\(style.color.hexString)") }
            out.write(" \"\(string)\"")
        case let .pushClip(r):
            out.write("clip \(rect(r)) {")
        case .popClip:
            out.write("}")
        }
    }

    /// Points separated by single spaces.
    static func write<Target: TextOutputStream>(_ points: [Point], to out: inout Target) {
        for (i, p) in points.enumerated() {
            if i > 0 { out.write(" ") }
            out.write(point(p))
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
