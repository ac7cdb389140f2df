import CCairo

/// Collects the bytes Cairo streams out while it writes a PDF.
final class PDFByteSink {
    var bytes: [UInt8] = []

    /// The C callback for `cairo_pdf_surface_create_for_stream`; `closure` is an unretained `PDFByteSink`.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<PDFByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
