import Foundation

/// Lays one panel out in a cell of the scene: axes with ticks and titles, then its layers, clipped
/// to the plot area. Only text measurements come from outside.
struct PanelLayout {
    let panel: ChartPanel
    let cell: Rect
    let measurer: TextMeasurer
    let density: Double

    func primitives() -> [Primitive] {
        let domain = PanelDomain(panel: panel)
        let tickHeight = measurer.lineHeight(size: Theme.tickLabelSize)
        let titleHeight = measurer.lineHeight(size: Theme.axisTitleSize)
        var top = cell.y + 6
        var out: [Primitive] = []
        if let title = panel.title {
            top += measurer.ascent(size: Theme.panelTitleSize)
            let shown = TextFitting.fitted(title, width: cell.width - 8, size: Theme.panelTitleSize, weight: .bold,
                                           measurer: measurer)
            out.append(.text(shown, at: Point(x: cell.x + 4, y: top),
                             style: TextStyle(size: Theme.panelTitleSize, weight: .bold)))
            top += 6
        }
        top += tickHeight * 0.6
        let bottom = cell.maxY - (Theme.tickLength + 3 + tickHeight + 4 + titleHeight + 2)
        let plotHeight = max(10, bottom - top)
        let yTicks = AxisTicks(axis: panel.y, lower: domain.y.lower, upper: domain.y.upper, length: plotHeight,
                               horizontal: false, measurer: measurer)
        let yLabelWidth = yTicks.labels.labels
            .map { measurer.width(of: $0, size: Theme.tickLabelSize, weight: .regular) }.max() ?? 0
        let left = cell.x + 4 + titleHeight + 6 + yLabelWidth + 3 + Theme.tickLength
        let right = cell.maxX - 14
        let plot = Rect(x: left, y: top, width: max(10, right - left), height: plotHeight)
        let xTicks = AxisTicks(axis: panel.x, lower: domain.x.lower, upper: domain.x.upper, length: plot.width,
                               horizontal: true, measurer: measurer)
        let map = PlotMapping(plot: plot, x: xTicks.scale, y: yTicks.scale)

        out += grid(map: map, xTicks: xTicks, yTicks: yTicks)
        out.append(.pushClip(plot))
        let renderer = LayerRenderer(map: map, measurer: measurer, density: density, notation: panel.y.notation)
        out += renderer.primitives(for: panel.layers)
        out.append(.popClip)
        out += renderer.overlays(for: panel.layers)
        out += axes(map: map, xTicks: xTicks, yTicks: yTicks, titleHeight: titleHeight, tickHeight: tickHeight)
        return out
    }

    func grid(map: PlotMapping, xTicks: AxisTicks, yTicks: AxisTicks) -> [Primitive] {
        let plot = map.plot
        var out: [Primitive] = []
        for t in yTicks.ticks {
            let y = map.py(t)
            out.append(.polyline([Point(x: plot.x, y: y), Point(x: plot.maxX, y: y)], Theme.gridStroke))
        }
        for t in xTicks.ticks {
            let x = map.px(t)
            out.append(.polyline([Point(x: x, y: plot.y), Point(x: x, y: plot.maxY)], Theme.gridStroke))
        }
        return out
    }

    func axes(map: PlotMapping, xTicks: AxisTicks, yTicks: AxisTicks, titleHeight: Double, tickHeight: Double) -> [Primitive] {
        let plot = map.plot
        var out: [Primitive] = [
            .polyline([Point(x: plot.x, y: plot.y), Point(x: plot.x, y: plot.maxY), Point(x: plot.maxX, y: plot.maxY)],
                      Theme.axisStroke),
        ]
        for (t, label) in zip(yTicks.ticks, yTicks.labels.labels) {
            let y = map.py(t)
            out.append(.polyline([Point(x: plot.x - Theme.tickLength, y: y), Point(x: plot.x, y: y)], Theme.axisStroke))
            var style = Theme.tickLabelStyle
            style.anchor = .end
            style.baseline = .middle
            out.append(.text(label, at: Point(x: plot.x - Theme.tickLength - 3, y: y), style: style))
        }
        let labelTop = plot.maxY + Theme.tickLength + 3
        for (t, label) in zip(xTicks.ticks, xTicks.labels.labels) {
            let x = map.px(t)
            out.append(.polyline([Point(x: x, y: plot.maxY), Point(x: x, y: plot.maxY + Theme.tickLength)], Theme.axisStroke))
            var style = Theme.tickLabelStyle
            style.anchor = .middle
            style.baseline = .top
            out.append(.text(label, at: Point(x: x, y: labelTop), style: style))
        }
        if let offset = yTicks.labels.offset {
            var style = Theme.tickLabelStyle
            style.baseline = .bottom
            out.append(.text(offset, at: Point(x: plot.x, y: plot.y - 2), style: style))
        }
        var xTitle = panel.x.title
        if let offset = xTicks.labels.offset { xTitle += "  (\(offset))" }
        out.append(.text(xTitle, at: Point(x: plot.x + plot.width / 2, y: labelTop + tickHeight + 4),
                         style: TextStyle(size: Theme.axisTitleSize, anchor: .middle, baseline: .top)))
        let yTitle = TextFitting.fitted(panel.y.title, width: plot.height + 16, size: Theme.axisTitleSize, weight: .regular,
                                        measurer: measurer)
        out.append(.text(yTitle, at: Point(x: cell.x + 4, y: plot.y + plot.height / 2),
                         style: TextStyle(size: Theme.axisTitleSize, anchor: .middle, baseline: .top, rotation: 90)))
        return out
    }
}
