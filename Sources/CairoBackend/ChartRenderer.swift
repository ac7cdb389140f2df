import CCairo
import Charts

/// Renders a scene to file bytes. Output is deterministic: the same scene gives the same bytes
/// (PDF creation date pinned, see `PDFDate`).
public enum ChartRenderer {
    /// PNG at `scale` device pixels per point (2 for sharp screens), on white.
    public static func png(_ scene: Scene, scale: Double = 2) throws -> [UInt8] {
        let surface = try CairoSurface.image(width: Int((scene.width * scale).rounded(.up)),
                                             height: Int((scene.height * scale).rounded(.up)))
        let context = try CairoContext(surface: surface)
        context.scale(scale)
        SceneRenderer.draw(scene, on: context)
        try context.checkStatus("draw png")
        cairo_surface_flush(surface.pointer)
        return try surface.pngBytes()
    }

    /// A single-page vector PDF of the scene's size in points, with real (extractable) text.
    public static func pdf(_ scene: Scene) throws -> [UInt8] {
        let surface = try CairoSurface.pdf(width: scene.width, height: scene.height)
        try drawAndFinish(scene, on: surface)
        return try surface.finishedBytes()
    }

    /// An SVG of the scene with real `<text>` and ids unique to the scene, so several charts can be
    /// inlined in one HTML page (written directly, not through Cairo: see `SVGSceneWriter`).
    public static func svg(_ scene: Scene) throws -> [UInt8] {
        SVGSceneWriter.svg(scene)
    }

    private static func drawAndFinish(_ scene: Scene, on surface: CairoSurface) throws {
        let context = try CairoContext(surface: surface)
        SceneRenderer.draw(scene, on: context)
        try context.checkStatus("draw")
        context.showPage()
    }
}
