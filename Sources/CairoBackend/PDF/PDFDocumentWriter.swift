import CCairo
import CPangoCairo
import Charts

/// Lays out a flowing document (headings, wrapped paragraphs, tables, drawings) onto PDF pages with
/// Cairo and Pango. Headings become PDF bookmarks; every page gets a footer with its number; text is
/// real, selectable text in embedded DejaVu fonts.
///
/// The writer is a cursor moving down the page: each call places one block below the previous one and
/// starts a new page when the block does not fit. Call `finish()` once to get the PDF bytes.
public final class PDFDocumentWriter {
    public let pageSize: PDFPageSize
    public let margin: Double = 48
    /// The page being written, from 1.
    public private(set) var pageNumber = 1
    /// Top of the next block, in points from the top of the page.
    public private(set) var cursorY: Double

    private let surface: CairoSurface
    private let context: CairoContext
    /// The raw `cairo_t *` of `context`, for the Cairo and Pango calls.
    private let cr: OpaquePointer
    /// One Pango context for every layout of the document (`pango_cairo_create_layout` made a new one
    /// per layout). Text is only laid out under the page's identity transformation, which is what
    /// the context was made for.
    private let pango: OpaquePointer
    private let footer: String
    /// Open outline entries by heading level, so a level-2 heading nests under the last level-1.
    private var outlineParents: [Int: Int32] = [:]
    private var destinationCount = 0
    private var finished = false
    private static let footerHeight: Double = 22

    /// - Parameter footer: text at the bottom left of every page (e.g. the run name); plain text.
    public init(pageSize: PDFPageSize = .a4, metadata: PDFMetadata, footer: String) throws {
        self.pageSize = pageSize
        self.footer = footer
        surface = try CairoSurface.pdf(width: pageSize.width, height: pageSize.height)
        context = try CairoContext(surface: surface)
        cr = context.pointer
        pango = pango_cairo_create_context(cr)
        cursorY = margin
        let pdf = surface.pointer
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, metadata.title)
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, metadata.creator)
        if let date = metadata.createDate {
            cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date)
            cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, date)
        }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pango))
    }

    /// Width available to blocks between the margins.
    public var contentWidth: Double { pageSize.width - 2 * margin }
    public var contentLeft: Double { margin }
    /// Lowest y a block may reach on this page (above the footer).
    public var contentBottom: Double { pageSize.height - margin - Self.footerHeight }
    public var remainingHeight: Double { contentBottom - cursorY }

    // MARK: Blocks

    /// A section heading, with a PDF destination and an outline entry. Level 1 entries are top-level
    /// bookmarks, level 2 nest under the last level 1. Kept together with at least `keepWithNext` points
    /// of what follows (default: 160 after level 1, 80 after level 2).
    /// - Parameters:
    ///   - bookmark: the outline entry's text when it should differ from the heading.
    ///   - style: overrides the level's style (e.g. the run name as the page-1 title).
    public func heading(_ text: String, level: Int = 1, bookmark: String? = nil, style: PDFTextStyle? = nil,
                        keepWithNext: Double? = nil) {
        let style = style ?? (level <= 1 ? PDFTextStyle.heading1 : .heading2)
        let keepWithNext = keepWithNext ?? (level <= 1 ? 160 : 80)
        let layout = makeLayout(markup: PangoMarkup.escape(text), style: style, width: contentWidth)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        if cursorY > margin, layoutHeight(layout) + keepWithNext > remainingHeight { newPage() }
        if level <= 1, cursorY > margin { cursorY += 4 }
        addDestination(title: bookmark ?? text, level: level) { name in
            cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='\(name)'")
            paragraph(layout: layout, style: style)
            cairo_tag_end(cr, CAIRO_TAG_DEST)
        }
    }

    /// Names a new destination, lets `mark` place it, and adds its outline entry.
    private func addDestination(title: String, level: Int, _ mark: (String) -> Void) {
        destinationCount += 1
        let name = "section-\(destinationCount)"
        mark(name)
        let parent = level <= 1 ? Int32(CAIRO_PDF_OUTLINE_ROOT) : (outlineParents[1] ?? Int32(CAIRO_PDF_OUTLINE_ROOT))
        let flags = level <= 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(0)
        outlineParents[level] = cairo_pdf_surface_add_outline(surface.pointer, parent, title, "dest='\(name)'", flags)
    }

    /// A bookmark to the current position without a visible heading (e.g. for a chart that draws its
    /// own title), nested like a heading of `level`.
    public func bookmark(_ title: String, level: Int = 2, keepWithNext: Double = 0) {
        if cursorY > margin, keepWithNext > remainingHeight { newPage() }
        addDestination(title: title, level: level) {
            cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='\($0)' x=\(contentLeft) y=\(cursorY)")
            cairo_tag_end(cr, CAIRO_TAG_DEST)
        }
    }

    /// Plain text (escaped here), wrapped to the content width.
    public func text(_ text: String, style: PDFTextStyle = .body, indent: Double = 0) {
        paragraph(markup: PangoMarkup.escape(text), style: style, indent: indent)
    }

    /// A paragraph of Pango markup, wrapped at word boundaries, split across pages line by line.
    /// - Parameter bullet: drawn in the indent before the first line (e.g. "•").
    public func paragraph(markup: String, style: PDFTextStyle = .body, indent: Double = 0, bullet: String? = nil) {
        let bulletIndent = bullet == nil ? 0 : style.size * 1.3
        let layout = makeLayout(markup: markup, style: style, width: contentWidth - indent - bulletIndent)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        paragraph(layout: layout, style: style, indent: indent, bullet: bullet)
    }

    /// Draws a laid-out paragraph line by line (see `paragraph(markup:style:indent:bullet:)`).
    private func paragraph(layout: OpaquePointer, style: PDFTextStyle, indent: Double = 0, bullet: String? = nil) {
        let bulletIndent = bullet == nil ? 0 : style.size * 1.3
        let x = contentLeft + indent + bulletIndent
        var firstLine = true
        forEachLine(of: layout) { line, height, baseline in
            if cursorY + height > contentBottom { newPage() }
            if firstLine, let bullet {
                let mark = makeLayout(markup: PangoMarkup.escape(bullet), style: style, width: bulletIndent)
                setColor(style.color)
                cairo_move_to(cr, contentLeft + indent, cursorY)
                pango_cairo_show_layout(cr, mark)
                g_object_unref(UnsafeMutableRawPointer(mark))
            }
            firstLine = false
            setColor(style.color)
            cairo_move_to(cr, x, cursorY + baseline)
            pango_cairo_show_layout_line(cr, line)
            cursorY += height
        }
        cursorY += style.spaceAfter
    }

    /// A shaded box with a coloured bar on its left holding one paragraph of markup (the verdict).
    public func callout(markup: String, style: PDFTextStyle = .body, accent: Color, fill: Color) {
        let padding = 8.0
        let bar = 5.0
        let width = contentWidth - 2 * padding - bar
        let layout = makeLayout(markup: markup, style: style, width: width)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let height = layoutHeight(layout) + 2 * padding
        if height > remainingHeight, cursorY > margin { newPage() }
        setColor(fill)
        cairo_rectangle(cr, contentLeft, cursorY, contentWidth, height)
        cairo_fill(cr)
        setColor(accent)
        cairo_rectangle(cr, contentLeft, cursorY, bar, height)
        cairo_fill(cr)
        setColor(style.color)
        cairo_move_to(cr, contentLeft + bar + padding, cursorY + padding)
        pango_cairo_show_layout(cr, layout)
        cursorY += height + style.spaceAfter
    }

    /// A table with wrapped cells; rows move whole to the next page, where the header repeats.
    public func table(_ table: PDFTable) {
        let total = table.widths.reduce(0, +)
        let widths = table.widths.map { $0 / total * contentWidth }
        let padding = 4.0
        let header = table.header.isEmpty
            ? nil : RowLayout(table.header.map { PangoMarkup.bold($0) }, widths: widths, padding: padding, on: self, style: table.style)
        var rows = table.rows.lazy.map { RowLayout($0, widths: widths, padding: padding, on: self, style: table.style) }.makeIterator()
        var row = rows.next()
        if let header, header.height + (row?.height ?? 0) > remainingHeight, cursorY > margin {
            newPage()
        }
        if let header { drawRow(header, style: table.style, padding: padding, fill: .headerFill) }
        while let current = row {
            if current.height > remainingHeight, cursorY > margin {
                newPage()
                if let header { drawRow(header, style: table.style, padding: padding, fill: .headerFill) }
            }
            drawRow(current, style: table.style, padding: padding, fill: nil)
            row = rows.next()
        }
        cursorY += table.style.spaceAfter
    }

    /// Reserves `height` points (a new page when they do not fit) and lets `draw` paint into that rect
    /// with the page's Cairo context (e.g. `SceneRenderer.draw(scene, on: context, at: origin)`).
    /// The context state is saved and restored around it, and drawing is clipped to the rect.
    public func drawing(height: Double, spaceAfter: Double = 10, _ draw: (_ context: CairoContext, _ rect: Rect) -> Void) {
        if height > remainingHeight, cursorY > margin { newPage() }
        let rect = Rect(x: contentLeft, y: cursorY, width: contentWidth, height: height)
        cairo_save(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
        draw(context, rect)
        cairo_restore(cr)
        cursorY += height + spaceAfter
    }

    /// Starts a new page when less than `height` points are left on this one (and it is not empty),
    /// so that the next blocks, `height` points in all, stay together.
    public func keepTogether(_ height: Double) {
        if cursorY > margin, height > remainingHeight { newPage() }
    }

    /// Vertical space; never carries over to a new page.
    public func space(_ points: Double) {
        cursorY = min(cursorY + points, contentBottom)
    }

    /// Starts a new page unless the current one is still empty.
    public func pageBreak() {
        if cursorY > margin { newPage() }
    }

    /// Height that `markup` would take wrapped to `width` (without the style's space after).
    public func measure(markup: String, style: PDFTextStyle = .body, width: Double) -> Double {
        let layout = makeLayout(markup: markup, style: style, width: width)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        return layoutHeight(layout)
    }

    /// Ends the document and returns the PDF bytes; throws when Cairo reports an error. Call once.
    public func finish() throws -> [UInt8] {
        precondition(!finished, "finish() called twice")
        finished = true
        drawFooter()
        context.showPage()
        try context.checkStatus("pdf document")
        return try surface.finishedBytes()
    }

    // MARK: Pages

    private func newPage() {
        drawFooter()
        cairo_show_page(cr)
        pageNumber += 1
        cursorY = margin
    }

    private func drawFooter() {
        let y = pageSize.height - margin
        setColor(.rule)
        cairo_set_line_width(cr, 0.5)
        cairo_move_to(cr, contentLeft, y - 6)
        cairo_line_to(cr, contentLeft + contentWidth, y - 6)
        cairo_stroke(cr)
        let left = makeLayout(markup: PangoMarkup.escape(footer), style: .small, width: contentWidth * 0.75)
        pango_layout_set_ellipsize(left, PANGO_ELLIPSIZE_END)
        setColor(PDFTextStyle.small.color)
        cairo_move_to(cr, contentLeft, y)
        pango_cairo_show_layout(cr, left)
        g_object_unref(UnsafeMutableRawPointer(left))
        let right = makeLayout(markup: "Page \(pageNumber)", style: .small, width: contentWidth * 0.2)
        pango_layout_set_alignment(right, PANGO_ALIGN_RIGHT)
        cairo_move_to(cr, contentLeft + contentWidth * 0.8, y)
        pango_cairo_show_layout(cr, right)
        g_object_unref(UnsafeMutableRawPointer(right))
    }

    // MARK: Tables

    /// A table row's cells laid out once, for both its height and its drawing (the header's for
    /// every page it repeats on).
    private final class RowLayout {
        let cells: [OpaquePointer]
        let widths: [Double]
        let height: Double

        init(_ markup: [String], widths: [Double], padding: Double, on writer: PDFDocumentWriter, style: PDFTextStyle) {
            cells = zip(markup, widths).map { writer.makeLayout(markup: $0, style: style, width: $1 - 2 * padding) }
            self.widths = widths
            height = cells.map(writer.layoutHeight).max().map { $0 + 2 * padding } ?? 2 * padding
        }

        deinit {
            for cell in cells { g_object_unref(UnsafeMutableRawPointer(cell)) }
        }
    }

    private func drawRow(_ row: RowLayout, style: PDFTextStyle, padding: Double, fill: Color?) {
        let height = row.height
        if let fill {
            setColor(fill)
            cairo_rectangle(cr, contentLeft, cursorY, contentWidth, height)
            cairo_fill(cr)
        }
        var x = contentLeft
        for (layout, width) in zip(row.cells, row.widths) {
            setColor(style.color)
            cairo_move_to(cr, x + padding, cursorY + padding)
            pango_cairo_show_layout(cr, layout)
            x += width
        }
        setColor(.rule)
        cairo_set_line_width(cr, 0.5)
        cairo_move_to(cr, contentLeft, cursorY + height)
        cairo_line_to(cr, contentLeft + contentWidth, cursorY + height)
        cairo_stroke(cr)
        cursorY += height
    }

    // MARK: Pango

    private func makeLayout(markup: String, style: PDFTextStyle, width: Double) -> OpaquePointer {
        let layout: OpaquePointer = pango_layout_new(pango)
        let font = pango_font_description_new()
        pango_font_description_set_family(font, style.family)
        pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(font, style.size * Double(PANGO_SCALE))
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        pango_layout_set_width(layout, Int32(max(1, width) * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_markup(layout, markup, -1)
        return layout
    }

    private func layoutHeight(_ layout: OpaquePointer) -> Double {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.height) / Double(PANGO_SCALE)
    }

    /// Calls `body` for each line with the line, its height and its baseline below the line's top.
    private func forEachLine(of layout: OpaquePointer, _ body: (UnsafeMutablePointer<PangoLayoutLine>, Double, Double) -> Void) {
        guard let iter = pango_layout_get_iter(layout) else { return }
        defer { pango_layout_iter_free(iter) }
        let scale = Double(PANGO_SCALE)
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter) - logical.y) / scale
            if let line = pango_layout_iter_get_line_readonly(iter) {
                body(line, Double(logical.height) / scale, baseline)
            }
        } while pango_layout_iter_next_line(iter) != 0
    }

    private func setColor(_ color: Color) {
        cairo_set_source_rgb(cr, color.red, color.green, color.blue)
    }
}
