import Charts
import Foundation
import RunModel

/// The data an explorable HTML chart is drawn from (`Templates/explore.js`), as JSON safe to put
/// inside a `<script type="application/json">` element of a polyglot XHTML page: every series'
/// raw points up to `ExploreReduction.pointBudget` per chart, a per-column envelope beyond it, the
/// y range the static chart is fitted to, shaded bands and rules, and step -> epoch / wall-time
/// tables for the hover. Names and labels come from logs: `<`, `>`, `&`, U+2028 and U+2029 are
/// written as `\u` escapes, so no `</script>`, `<!--` or `]]>` can appear in the element.
enum ExplorableChart {
    /// At most this many (step, epoch) or (step, seconds) pairs; the hover interpolates between them.
    static let lookupLimit = 1_000

    /// The JSON of `chart`, or nil when no panel carries series data (the static image stays alone).
    /// `run` gives the epoch and wall-time tables (nil in a comparison: each run has its own).
    static func json(_ chart: Chart, run: Run?) -> String? {
        guard chart.panels.contains(where: { !$0.series.isEmpty }) else { return nil }
        let columns = ExploreReduction.columns / min(3, max(1, chart.panels.count))
        let counts = chart.panels.flatMap { $0.series.map(\.ys.count) }
        var raw = ExploreReduction.keepsRaw(counts: counts, columns: columns)[...]
        let out = JSONText(capacity: counts.reduce(0) { $0 + min($1, columns * 4) } * 24 + 4_096)
        out.object {
            out.key("title"); out.string(chart.title)
            out.key("x"); out.string(chart.panels.first?.x.title ?? "step")
            out.key("panels")
            out.array(chart.panels) { p in
                Self.panel(p, raw: &raw, columns: columns, into: out)
            }
            if let run {
                if let epoch = run.series(.epoch) {
                    out.key("epoch"); pairs(steps: epoch.steps, values: epoch.values, into: out)
                }
                if let timed = ([run.series(.trainLoss)] + run.series.map(Optional.some)).compactMap({ $0 }).first(where: \.hasWallTime) {
                    let t0 = timed.wallTimes.first { $0.isFinite } ?? 0
                    out.key("time"); pairs(steps: timed.steps, values: timed.wallTimes.map { $0 - t0 }, into: out)
                }
            }
        }
        return out.text
    }

    private static func panel(_ panel: ChartPanel, raw: inout ArraySlice<Bool>, columns: Int, into out: JSONText) {
        let ranges = panel.fittedRanges
        out.object {
            out.key("title"); panel.title.map { out.string($0) } ?? out.null()
            out.key("y"); out.string(panel.y.title)
            out.key("log"); out.bool(panel.y.scale == .log)
            out.key("xr"); out.numbers([ranges.x.lowerBound, ranges.x.upperBound])
            out.key("yr"); out.numbers([ranges.y.lowerBound, ranges.y.upperBound])
            out.key("bands")
            let bands = panel.layers.compactMap { layer -> (Double, Double, Color, Double, String?)? in
                if case let .band(x0, x1, color, opacity, label) = layer { return (x0, x1, color, opacity, label) }
                return nil
            }
            out.array(bands) { b in
                out.object {
                    out.key("x"); out.numbers([b.0, b.1])
                    out.key("color"); out.string(b.2.hexString)
                    out.key("opacity"); out.number(b.3)
                    out.key("label"); b.4.map { out.string($0) } ?? out.null()
                }
            }
            out.key("rules")
            let rules = panel.layers.compactMap { layer -> (String, Double, String?)? in
                switch layer {
                case let .horizontalRule(y, _, label): return ("y", y, label)
                case let .verticalRule(x, _, label): return ("x", x, label)
                default: return nil
                }
            }
            out.array(rules) { r in
                out.object {
                    out.key("axis"); out.string(r.0)
                    out.key("at"); out.number(r.1)
                    out.key("label"); r.2.map { out.string($0) } ?? out.null()
                }
            }
            out.key("series")
            out.array(panel.series) { s in
                Self.series(s, raw: raw.popFirst() ?? true, xRange: ranges.x, columns: columns, into: out)
            }
        }
    }

    private static func series(_ s: PanelSeries, raw: Bool, xRange: ClosedRange<Double>, columns: Int, into out: JSONText) {
        out.object {
            out.key("name"); out.string(s.name)
            out.key("color"); out.string(s.color.hexString)
            out.key("smooth"); s.smoothing.map { out.number($0) } ?? out.null()
            out.key("gaps"); out.array(s.smoothingGaps) { out.numbers([$0.lowerBound, $0.upperBound]) }
            out.key("markers"); out.bool(s.markers)
            out.key("dashed"); out.bool(s.dashed)
            out.key("n"); out.number(Double(s.ys.count))
            let stepsAreXs = s.xs.elementsEqual(s.steps) { $0 == Double($1) }
            if raw {
                // Evenly spaced x (a step logged every k steps) as its start and spacing: half the numbers.
                if let spacing = evenSpacing(s.xs) {
                    out.key("x0"); out.number(s.xs[0])
                    out.key("dx"); out.number(spacing)
                } else {
                    out.key("x"); out.numbers(s.xs)
                }
                if !stepsAreXs { out.key("s"); out.numbers(s.steps.map(Double.init)) }
                out.key("v"); out.numbers(s.ys)
            } else {
                let env = ExploreReduction.envelope(xs: s.xs, steps: s.steps, ys: s.ys, xLower: xRange.lowerBound,
                                                    xUpper: xRange.upperBound, columns: columns)
                out.key("env")
                out.object {
                    out.key("x"); out.numbers(env.map(\.x))
                    if !stepsAreXs { out.key("s"); out.numbers(env.map { Double($0.step) }) }
                    out.key("lo"); out.numbers(env.map(\.lower), compact: true)
                    out.key("hi"); out.numbers(env.map(\.upper), compact: true)
                    out.key("m"); out.numbers(env.map(\.mean), compact: true)
                    out.key("c"); out.numbers(env.map { Double($0.count) })
                    out.key("nf"); out.numbers(env.indices.filter { env[$0].hasNonFinite }.map(Double.init))
                }
            }
        }
    }

    /// The spacing of `xs` when every gap is the same exact, positive value and there are at least
    /// three points, else nil.
    static func evenSpacing(_ xs: [Double]) -> Double? {
        guard xs.count >= 3, let first = xs.first else { return nil }
        let spacing = xs[1] - first
        guard spacing > 0, spacing.isFinite else { return nil }
        for i in 1..<xs.count where xs[i] != first + Double(i) * spacing { return nil }
        return spacing
    }

    /// `[[step, value], ...]` over the finite values, thinned evenly to `lookupLimit` pairs (the last kept).
    private static func pairs(steps: [Int], values: [Double], into out: JSONText) {
        let finite = values.indices.filter { values[$0].isFinite }
        let stride = max(1, (finite.count + lookupLimit - 1) / lookupLimit)
        var picked = Swift.stride(from: 0, to: finite.count, by: stride).map { finite[$0] }
        if let last = finite.last, picked.last != last { picked.append(last) }
        out.pairs(picked.map { (Double(steps[$0]), values[$0]) })
    }
}

/// A small JSON writer for `ExplorableChart`: numbers in their shortest exact form (integers
/// without a fraction), non-finite values as the strings "NaN", "Infinity", "-Infinity", and
/// strings escaped for a `<script>` element of an XHTML page.
final class JSONText {
    private(set) var text = ""
    private var needsComma = false

    init(capacity: Int = 0) {
        text.reserveCapacity(capacity)
    }

    /// `[[a, b], ...]`.
    func pairs(_ values: [(Double, Double)]) {
        separate()
        text += "["
        for (i, pair) in values.enumerated() {
            text += i == 0 ? "[" : ",["
            Self.append(pair.0, compact: false, to: &text)
            text += ","
            Self.append(pair.1, compact: false, to: &text)
            text += "]"
        }
        text += "]"
        needsComma = true
    }

    func object(_ body: () -> Void) {
        separate()
        text += "{"
        needsComma = false
        body()
        text += "}"
        needsComma = true
    }

    func array<T>(_ items: [T], _ body: (T) -> Void) {
        separate()
        text += "["
        needsComma = false
        for item in items { body(item) }
        text += "]"
        needsComma = true
    }

    func key(_ name: String) {
        string(name)
        text += ":"
        needsComma = false
    }

    func null() {
        separate()
        text += "null"
        needsComma = true
    }

    func bool(_ value: Bool) {
        separate()
        text += value ? "true" : "false"
        needsComma = true
    }

    func number(_ value: Double) {
        separate()
        Self.append(value, compact: false, to: &text)
        needsComma = true
    }

    /// `compact`: written to float precision (seven significant digits), for envelopes.
    func numbers(_ values: [Double?], compact: Bool = false) {
        separate()
        text += "["
        for (i, v) in values.enumerated() {
            if i > 0 { text += "," }
            if let v { Self.append(v, compact: compact, to: &text) } else { text += "null" }
        }
        text += "]"
        needsComma = true
    }

    func numbers(_ values: [Double]) {
        separate()
        text += "["
        for (i, v) in values.enumerated() {
            if i > 0 { text += "," }
            Self.append(v, compact: false, to: &text)
        }
        text += "]"
        needsComma = true
    }

    func string(_ value: String) {
        separate()
        text += Self.quoted(value)
        needsComma = true
    }

    private func separate() {
        if needsComma { text += "," }
    }

    static func append(_ v: Double, compact: Bool, to text: inout String) {
        if v.isNaN {
            text += "\"NaN\""
        } else if v.isInfinite {
            text += v > 0 ? "\"Infinity\"" : "\"-Infinity\""
        } else if v == v.rounded(), abs(v) < 1e15 {
            text += String(Int64(v))
        } else if compact, abs(v) < 3e38, abs(v) > 1e-37 {
            text += Float(v).description
        } else {
            text += v.description
        }
    }

    /// A JSON string literal that is also safe inside `<script>` in HTML and XHTML.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in DisplayText.clean(value).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
