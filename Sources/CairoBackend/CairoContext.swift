import CCairo

/// Owns a `cairo_t` drawing onto a surface; destroying the wrapper destroys the context.
/// The reports stage composes PDF pages through it (`SceneRenderer.draw(_:on:at:)`).
public final class CairoContext {
    /// The raw context, for callers that draw with Cairo or Pango directly.
    public let pointer: OpaquePointer
    /// The surface drawn on, kept alive as long as the context.
    public let surface: CairoSurface

    public init(surface: CairoSurface) throws {
        guard let cr = cairo_create(surface.pointer) else {
            throw CairoError(operation: "create context", status: "no context")
        }
        pointer = cr
        self.surface = surface
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(cr)
            throw CairoError(operation: "create context", status: String(cString: cairo_status_to_string(status)))
        }
    }

    deinit {
        cairo_destroy(pointer)
    }

    /// Ends the current PDF page and starts the next.
    public func showPage() {
        cairo_show_page(pointer)
    }

    public func scale(_ factor: Double) {
        cairo_scale(pointer, factor, factor)
    }

    /// Throws when an earlier drawing call put the context into an error state.
    public func checkStatus(_ operation: String) throws {
        try CairoSurface.check(cairo_status(pointer), operation)
    }
}
