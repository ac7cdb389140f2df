import Foundation
import Mustache

/// The Mustache templates an HTML report is rendered with: the built-in ones, compiled into the
/// binary, each optionally replaced by a file of the same name in a user's `--template DIR`.
public struct ReportTemplates: Sendable {
    /// The entry template; `style`, `figure` and `finding` are its partials.
    public static let pageName = "report"
    /// The entry template of `compare.html`; it shares the `style` and `figure` partials.
    public static let comparePageName = "compare"
    let library: MustacheLibrary

    /// The built-in templates.
    public static func builtIn() throws -> ReportTemplates {
        try ReportTemplates(overrides: nil)
    }

    /// - Parameter overrides: a directory whose `<name>.mustache` files replace the built-in template
    ///   `<name>` (or add partials); nil for the built-in set.
    public init(overrides directory: String?) throws {
        var sources = EmbeddedTemplates.all
        if let directory {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                throw ReportError.templates(path: directory, message: "cannot list the directory (\(error.localizedDescription))")
            }
            let found = names.filter { $0.hasSuffix(".mustache") }.sorted()
            if found.isEmpty {
                throw ReportError.templates(path: directory, message: "no .mustache files")
            }
            for name in found {
                let path = (directory as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ReportError.templates(path: path, message: "cannot be read")
                }
                sources[String(name.dropLast(".mustache".count))] = String(decoding: data, as: UTF8.self)
            }
        }
        var library = MustacheLibrary()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                throw ReportError.templates(path: "\(directory ?? "built-in")/\(name).mustache", message: "\(error)")
            }
        }
        self.library = library
    }

    func render(_ view: Any) throws -> String {
        try render(view, template: Self.pageName)
    }

    /// Renders the template `name` (e.g. `index` for the audit index) with `view`.
    public func render(_ view: Any, template name: String) throws -> String {
        guard let html = library.render(view, withTemplate: name) else {
            throw ReportError.templates(path: name, message: "no template named '\(name)'")
        }
        return html
    }
}
