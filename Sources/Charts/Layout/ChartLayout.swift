/// Lays a whole chart out: white page, title, legend rows, a grid of panels, an optional note.
struct ChartLayout {
    let chart: Chart
    let width: Double
    let height: Double
    let measurer: TextMeasurer
    let density: Double

    func scene() -> Scene {
        var scene = Scene(width: width, height: height)
        scene.add(.rect(Rect(x: 0, y: 0, width: width, height: height), fill: .white, opacity: 1, stroke: nil))
        let pad = Theme.padding
        var y = pad + measurer.ascent(size: Theme.titleSize)
        scene.add(.text(chart.title, at: Point(x: pad, y: y), style: TextStyle(size: Theme.titleSize, weight: .bold)))
        y += measurer.lineHeight(size: Theme.titleSize) - measurer.ascent(size: Theme.titleSize) + 6
        let entries = chart.legend + offScaleLegend()
        if !entries.isEmpty {
            let legend = legendPrimitives(entries, top: y)
            scene.add(contentsOf: legend.primitives)
            y = legend.bottom + 4
        }
        var bottom = height - pad / 2
        if let note = chart.note {
            scene.add(.text(note, at: Point(x: pad, y: bottom),
                            style: TextStyle(size: Theme.noteSize, color: Palette.mutedInk, baseline: .bottom)))
            bottom -= measurer.lineHeight(size: Theme.noteSize) + 2
        }
        let n = chart.panels.count
        guard n > 0 else { return scene }
        let columns = Self.columns(panels: n, width: width)
        let rows = (n + columns - 1) / columns
        let cellWidth = (width - pad) / Double(columns)
        let cellHeight = (bottom - y) / Double(rows)
        for (i, panel) in chart.panels.enumerated() {
            let cell = Rect(x: pad / 2 + Double(i % columns) * cellWidth, y: y + Double(i / columns) * cellHeight,
                            width: cellWidth, height: cellHeight)
            scene.add(contentsOf: PanelLayout(panel: panel, cell: cell, measurer: measurer, density: density).primitives())
        }
        return scene
    }

    /// Panels are never laid out narrower than this (unless the whole chart is), so titles and
    /// tick labels keep their room on a phone-width chart.
    static let minimumPanelWidth = 150.0
    /// Room a panel of small multiples needs for a readable plot, its title and axes.
    static let minimumPanelHeight = 150.0

    /// Panels side by side: one for a single panel, two up to four, three beyond, fewer when
    /// the width would make them narrower than `minimumPanelWidth`.
    static func columns(panels n: Int, width: Double) -> Int {
        let wanted = n <= 1 ? 1 : n <= 4 ? 2 : 3
        return max(1, min(wanted, Int((width - Theme.padding) / minimumPanelWidth)))
    }

    /// An entry for the off-scale markers when some panel's axis leaves outliers out (see `RobustRange`).
    func offScaleLegend() -> [LegendEntry] {
        for panel in chart.panels where PanelDomain(panel: panel).leavesValuesOut {
            for case let .offScale(_, _, color) in panel.layers {
                return [LegendEntry(label: "beyond the axis (value shown)", swatch: .marker(.triangleUp, color))]
            }
        }
        return []
    }

    /// Legend entries side by side, wrapping onto new rows when the width runs out.
    func legendPrimitives(_ entries: [LegendEntry], top: Double) -> (primitives: [Primitive], bottom: Double) {
        let pad = Theme.padding
        let size = Theme.legendSize
        let rowHeight = measurer.lineHeight(size: size) + 4
        let swatchWidth = 18.0
        var out: [Primitive] = []
        var x = pad, rowTop = top
        for entry in entries {
            let labelWidth = measurer.width(of: entry.label, size: size, weight: .regular)
            let itemWidth = swatchWidth + 4 + labelWidth + 14
            if x + itemWidth > width - pad && x > pad {
                x = pad
                rowTop += rowHeight
            }
            let mid = rowTop + rowHeight / 2
            switch entry.swatch {
            case let .line(style):
                var s = style
                s.opacity = max(s.opacity, 0.5)
                out.append(.polyline([Point(x: x, y: mid), Point(x: x + swatchWidth, y: mid)], s))
            case let .marker(shape, color):
                out.append(.markers([Point(x: x + swatchWidth / 2, y: mid)], shape: shape, size: 7, fill: color,
                                    opacity: 1, stroke: nil))
            case let .band(color, opacity):
                out.append(.rect(Rect(x: x, y: mid - 5, width: swatchWidth, height: 10), fill: color,
                                 opacity: max(opacity, 0.25), stroke: nil))
            }
            out.append(.text(entry.label, at: Point(x: x + swatchWidth + 4, y: mid),
                             style: TextStyle(size: size, baseline: .middle)))
            x += itemWidth
        }
        return (out, rowTop + rowHeight)
    }
}
