import Foundation
import Mustache

/// The Mustache templates an HTML report is rendered with: the built-in ones, compiled into the
/// binary, each optionally replaced by a file of the same name in a user's `--template DIR`.
///
/// Templates are parsed when a page is first rendered, and only those that page uses (parsing all
/// of them was 5-7% of a `report` command's CPU, paid even for `--format pdf`). The built-in set is
/// shared by the whole process, so an audit parses each page once, not once per run.
public struct ReportTemplates: Sendable {
    /// The entry template; `style`, `figure` and `finding` are its partials.
    public static let pageName = "report"
    /// The entry template of `compare.html`; it shares the `style` and `figure` partials.
    public static let comparePageName = "compare"
    let pages: PageLibraries

    /// The built-in templates.
    public static func builtIn() throws -> ReportTemplates {
        ReportTemplates(pages: PageLibraries.builtIn)
    }

    private init(pages: PageLibraries) {
        self.pages = pages
    }

    /// - Parameter overrides: a directory whose `<name>.mustache` files replace the built-in template
    ///   `<name>` (or add partials); nil for the built-in set. The directory's files are parsed here,
    ///   so a broken one is reported before any run is read.
    public init(overrides directory: String?) throws {
        guard let directory else {
            self.init(pages: PageLibraries.builtIn)
            return
        }
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
        var sources = EmbeddedTemplates.all
        var check = MustacheLibrary()
        for name in found {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ReportError.templates(path: path, message: "cannot be read")
            }
            let template = String(name.dropLast(".mustache".count))
            sources[template] = String(decoding: data, as: UTF8.self)
            do {
                try check.register(sources[template]!, named: template)
            } catch {
                throw ReportError.templates(path: path, message: "\(error)")
            }
        }
        self.init(pages: PageLibraries(sources: sources, origin: directory))
    }

    func render(_ view: Any) throws -> String {
        try render(view, template: Self.pageName)
    }

    /// Renders the template `name` (e.g. `index` for the audit index) with `view`.
    public func render(_ view: Any, template name: String) throws -> String {
        guard let html = try pages.library(for: name).render(view, withTemplate: name) else {
            throw ReportError.templates(path: name, message: "no template named '\(name)'")
        }
        return html
    }
}

/// Parsed templates by entry page, each parsed on first use: the page and the partials it reaches
/// through `{{> name}}` tags (every template when one changes the tag delimiters, as the partial
/// names can then not be found by text). `@unchecked Sendable`: the cache is only touched under `lock`.
final class PageLibraries: @unchecked Sendable {
    static let builtIn = PageLibraries(sources: EmbeddedTemplates.all, origin: "built-in")

    let sources: [String: String]
    /// Where the sources came from, for error messages: `built-in` or the `--template` folder.
    let origin: String
    private var libraries: [String: MustacheLibrary] = [:]
    private let lock = NSLock()

    init(sources: [String: String], origin: String) {
        self.sources = sources
        self.origin = origin
    }

    func library(for page: String) throws -> MustacheLibrary {
        lock.lock()
        defer { lock.unlock() }
        if let library = libraries[page] { return library }
        var library = MustacheLibrary()
        for name in templates(reachedFrom: page).sorted() {
            do {
                try library.register(sources[name]!, named: name)
            } catch {
                throw ReportError.templates(path: "\(origin)/\(name).mustache", message: "\(error)")
            }
        }
        libraries[page] = library
        return library
    }

    /// `page` and every template its partial tags reach, directly or through other partials.
    func templates(reachedFrom page: String) -> Set<String> {
        var reached: Set<String> = []
        var pending = [page]
        while let name = pending.popLast() {
            guard let source = sources[name], reached.insert(name).inserted else { continue }
            if source.contains("{{=") { return Set(sources.keys) }
            pending += Self.partialNames(in: source)
        }
        return reached
    }

    /// The names in `{{> name}}` tags.
    static func partialNames(in source: String) -> [String] {
        source.components(separatedBy: "{{>").dropFirst().compactMap { rest in
            rest.range(of: "}}").map { rest[..<$0.lowerBound].trimmingCharacters(in: .whitespaces) }
        }
    }
}
