import Diagnostics
import Foundation
import Reports
import RunModel

/// What `card --public` leaves out of a report bound for a public model card: fix lists, file paths
/// and host names. The run is redacted before it is diagnosed and charted (chart descriptions name
/// the run), the document after (fix lists, facts and settings that locate files or machines).
struct PublicRedaction {
    /// The name the public report uses for the run (the model repository's folder name), since a
    /// run's own name may be a local folder or carry a host (`runs/Nov29_17-00-00_gpu-node-7`).
    var name: String
    /// Paths to shorten to their last component, longest first.
    private var paths: [String]
    /// Host names to hide, longest first.
    private var hosts: [String]

    /// Setting names that locate files, machines or people; their values are left out.
    static let internalKeys = ["host", "user", "path", "dir", "file", "cwd", "node", "email", "program", "source",
                               "git", "url", "output", "run_name", "token", "api_key", "secret", "password", "mlflow."]

    init(run: Run, inputPath: String, name: String) {
        self.name = name
        var paths = [inputPath, AtomicFile.resolved(inputPath), run.name]
        for source in run.provenance.sources {
            paths.append(source.path)
            paths.append((source.path as NSString).deletingLastPathComponent)
        }
        self.paths = Set(paths.filter { $0.count > 1 && $0.contains("/") }).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        var hosts: [String] = []
        for source in run.provenance.sources {
            hosts += Self.hosts(inPath: source.path)
        }
        hosts += Self.hosts(inPath: run.name)
        self.hosts = Set(hosts.filter { $0.count >= 3 }).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// Host names that TensorBoard file names (`events.out.tfevents.<time>.<host>.<pid>.<n>`) and HF's
    /// log folder names (`runs/Nov29_17-00-00_<host>`) carry.
    static func hosts(inPath path: String) -> [String] {
        var hosts: [String] = []
        for component in path.split(separator: "/") {
            if component.hasPrefix("events.out.tfevents.") {
                var parts = component.dropFirst("events.out.tfevents.".count).split(separator: ".")
                if parts.first?.allSatisfy(\.isNumber) == true { parts.removeFirst() }
                while let last = parts.last, last.allSatisfy(\.isNumber) || last == "v2" { parts.removeLast() }
                if !parts.isEmpty { hosts.append(parts.joined(separator: ".")) }
            } else if let match = component.firstMatch(of: /^[A-Z][a-z]{2}\d{2}_\d{2}-\d{2}-\d{2}_(.+)$/) {
                hosts.append(String(match.1))
            }
        }
        return hosts
    }

    /// `text` with known paths and absolute or home paths cut to their last component, hosts hidden.
    func text(_ text: String) -> String {
        var out = text
        for path in paths { out = out.replacingOccurrences(of: path, with: (path as NSString).lastPathComponent) }
        // A path starts the text or follows a space, quote, bracket, `=` or `:` (never a letter, so
        // `eval/loss` is not a path).
        out = out.replacing(/(^|[\s"'(\[<=:,])((?:~|\.\.?)?(?:\/[^\s\/:'"`,;()\[\]<>]+)+\/?)/) { match in
            String(match.output.1) + (String(match.output.2) as NSString).lastPathComponent
        }
        for host in hosts { out = out.replacingOccurrences(of: host, with: "(host)") }
        return out
    }

    /// A value that is a local path (a model loaded from disk, a checkpoint folder) shortened to its
    /// last component; a Hub id such as `openai-community/gpt2` is kept.
    func location(_ value: String) -> String {
        let local = value.hasPrefix("/") || value.hasPrefix("~") || value.hasPrefix(".") || value.contains("\\")
            || value.contains("checkpoint-")
        return text(local ? (value as NSString).lastPathComponent : value)
    }

    static func isInternal(_ key: String) -> Bool {
        let key = key.lowercased()
        return internalKeys.contains { key.contains($0) }
    }

    /// The run with its name, files, ingest notes and locating metadata redacted.
    func run(_ run: Run) -> Run {
        var run = run
        run.name = name
        run.provenance.sources = run.provenance.sources.map {
            SourceFile(path: text(($0.path as NSString).lastPathComponent), format: $0.format, note: $0.note.map(text))
        }
        run.provenance.issues = run.provenance.issues.map {
            IngestIssue(kind: $0.kind, path: text(($0.path as NSString).lastPathComponent), line: $0.line, message: text($0.message))
        }
        run.metadata.logEvents = run.metadata.logEvents.map {
            var event = $0
            event.path = text(($0.path as NSString).lastPathComponent)
            event.text = text($0.text)
            return event
        }
        run.metadata.extra = run.metadata.extra.filter { !Self.isInternal($0.key) }.map { ($0.key, text($0.value)) }
        run.metadata.bestModelCheckpoint = run.metadata.bestModelCheckpoint.map(location)
        run.metadata.modelName = run.metadata.modelName.map(location)
        return run
    }

    /// The document without fix lists, with every text scrubbed of paths and hosts.
    func document(_ document: ReportDocument) -> ReportDocument {
        var document = document
        document.verdictReason = text(document.verdictReason)
        document.findings = document.findings.map { finding in
            var finding = finding
            finding.fixes = []
            finding.title = text(finding.title)
            finding.message = text(finding.message)
            finding.why = text(finding.why)
            finding.evidence = finding.evidence.map { evidence in
                guard case .text(let value) = evidence.value else { return evidence }
                return Evidence(evidence.name, .text(text(value)))
            }
            return finding
        }
        document.keyFacts = document.keyFacts.map { ReportFact($0.label, location($0.value)) }
        func settings(_ facts: [ReportFact]) -> [ReportFact] {
            facts.filter { !Self.isInternal($0.label) }.map { ReportFact($0.label, text($0.value)) }
        }
        document.hyperparameters = settings(document.hyperparameters)
        document.modelCard.hyperparameters = settings(document.modelCard.hyperparameters)
        document.modelCard.otherSettings = settings(document.modelCard.otherSettings)
        document.modelCard.model = document.modelCard.model.map { ReportFact($0.label, location($0.value)) }
        return document
    }
}
