import CCairo

/// Owns a `cairo_surface_t`; destroying the wrapper destroys the surface.
public final class CairoSurface {
    /// The raw surface, for callers that draw with Cairo or Pango directly.
    public let pointer: OpaquePointer
    /// Keeps a stream sink alive as long as the surface writes into it.
    let sink: ByteSink?

    init(_ pointer: OpaquePointer, sink: ByteSink? = nil, operation: String) throws {
        self.pointer = pointer
        self.sink = sink
        try Self.check(cairo_surface_status(pointer), operation)
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    /// An ARGB image of `width` x `height` pixels.
    public static func image(width: Int, height: Int) throws -> CairoSurface {
        guard let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw CairoError(operation: "image surface", status: "no surface")
        }
        return try CairoSurface(s, operation: "image surface")
    }

    /// A PDF written into memory, its creation date pinned (see `PDFDate`) so output is reproducible.
    /// Pages start at `width` x `height` points; change with `setPDFPageSize` before each page.
    public static func pdf(width: Double, height: Double) throws -> CairoSurface {
        let sink = ByteSink()
        guard let s = cairo_pdf_surface_create_for_stream(byteSinkWrite, Unmanaged.passUnretained(sink).toOpaque(),
                                                          width, height) else {
            throw CairoError(operation: "pdf surface", status: "no surface")
        }
        let surface = try CairoSurface(s, sink: sink, operation: "pdf surface")
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, PDFDate.pinned())
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, PDFDate.pinned())
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "trainreport")
        return surface
    }


    /// Sets the size of the next PDF page in points.
    public func setPDFPageSize(width: Double, height: Double) {
        cairo_pdf_surface_set_size(pointer, width, height)
    }

    /// Finishes the surface and returns what it wrote (PDF or SVG bytes).
    public func finishedBytes() throws -> [UInt8] {
        cairo_surface_finish(pointer)
        try Self.check(cairo_surface_status(pointer), "finish")
        return sink?.bytes ?? []
    }

    /// The image as PNG bytes (see `PNGEncoder`).
    public func pngBytes() throws -> [UInt8] {
        try PNGEncoder.encode(self)
    }

    static func check(_ status: cairo_status_t, _ operation: String) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw CairoError(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }
}

/// Collects what a Cairo stream surface writes.
final class ByteSink {
    var bytes: [UInt8] = []
}

/// The `cairo_write_func_t` for a `ByteSink` passed as the closure pointer.
let byteSinkWrite: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}
