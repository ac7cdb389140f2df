import Foundation
import Yams

/// Writes evaluation results into the card's `model-index` (Hugging Face's documented schema:
/// `model-index: [{name, results: [{task: {type}, dataset: {type, name}, metrics: [{type, value, name}]}]}]`).
///
/// The front matter is edited as text: only the lines of the `model-index` key are replaced (or new
/// lines inserted before the closing `---`), so every other key, comment and quoting stays as written.
/// The existing block is merged, not rewritten: every key the author wrote is kept; only metrics
/// with trainreport's own names (`Validation Loss`, `Validation Accuracy`...) get their value
/// updated, and an author's metric of the same type under another name is never touched.
public struct ModelIndexUpdate: Sendable, Equatable {
    public struct Metric: Sendable, Equatable {
        /// Metric id (`loss`, `accuracy`): HF's `type`.
        public var type: String
        /// Pretty name, also what identifies trainreport's own entries on the next update.
        public var name: String
        public var value: Double

        public init(type: String, name: String, value: Double) {
            self.type = type
            self.name = name
            self.value = value
        }
    }

    public var metrics: [Metric]
    /// Task and dataset ids from the command line; else taken from the card (see `apply`).
    public var task: String?
    public var dataset: String?
    /// The model's name for a new `model-index` entry (the repository folder's name).
    public var modelName: String

    public init(metrics: [Metric], task: String? = nil, dataset: String? = nil, modelName: String) {
        self.metrics = metrics
        self.task = task
        self.dataset = dataset
        self.modelName = modelName
    }

    /// The card with the metrics merged into its `model-index`. The result they belong to is the
    /// one for the task and dataset given, else the first complete result already in the card, else
    /// a new result for the front matter's `pipeline_tag` and first `datasets` entry; throws when
    /// none says which task and dataset (the Hub rejects a result without them).
    public func apply(to card: String, path: String) throws -> String {
        let lines = CardLines(card)
        let lineBreak = lines.lineBreak
        guard let frontMatter = try FrontMatter.locate(in: lines, path: path) else {
            let block = try serialize(merged(into: nil, root: Node.Mapping([]), path: path))
            return ("---\n" + block + "---\n").replacingOccurrences(of: "\n", with: lineBreak) + card
        }
        let root = try frontMatter.parse(in: lines, path: path)
        let keyIndex = root.firstIndex { $0.key.string == "model-index" }
        let block = try serialize(merged(into: keyIndex.map { root[$0].value }, root: root, path: path))
            .replacingOccurrences(of: "\n", with: lineBreak)
        guard let keyIndex, let keyLine = root[keyIndex].key.mark?.line else {
            let at = lines.lines[frontMatter.close].start
            return String(card[..<at]) + block + String(card[at...])
        }
        // Card line indices: YAML line 1 is the line after the opening `---`.
        let first = frontMatter.open + keyLine
        var stop = root.index(after: keyIndex) < root.endIndex
            ? frontMatter.open + (root[root.index(after: keyIndex)].key.mark?.line ?? keyLine + 1) : frontMatter.close
        // Blank lines and comments at the left margin before the next key belong to what follows.
        while stop - 1 > first, lines.lines[stop - 1].text.allSatisfy({ $0 == " " || $0 == "\t" }) || lines.lines[stop - 1].text.first == "#" {
            stop -= 1
        }
        return String(card[..<lines.lines[first].start]) + block + String(card[lines.lines[stop - 1].next...])
    }

    /// `model-index:` and its value as YAML, ending with a line break.
    private func serialize(_ value: Node) throws -> String {
        var text = try Yams.serialize(node: Node([(Node("model-index"), value)]), indent: 2, width: -1, allowUnicode: true)
        if text.hasSuffix("...\n") { text.removeLast(4) }
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    private func merged(into existing: Node?, root: Node.Mapping, path: String) throws -> Node {
        func fail(_ message: String) -> ModelCardError { .modelIndex(path: path, message: message) }
        var entries = try existing.map { node -> Node.Sequence in
            guard let sequence = node.sequence else { throw fail("the existing model-index is a \(node.kindName), expected a list of models") }
            return sequence
        } ?? Node.Sequence([])
        var entry = try entries.first.map { node -> Node.Mapping in
            guard let mapping = node.mapping else { throw fail("the first model-index entry is a \(node.kindName), expected name and results") }
            return mapping
        } ?? Node.Mapping([(Node("name"), Node(modelName))])
        var results = try entry["results"].map { node -> Node.Sequence in
            guard let sequence = node.sequence else { throw fail("model-index results is a \(node.kindName), expected a list") }
            return sequence
        } ?? Node.Sequence([])

        let complete = results.first { $0["task"]?["type"]?.string != nil && $0["dataset"]?["type"]?.string != nil }
        let declaredDataset = root["datasets"].flatMap { $0.sequence?.first?.string ?? $0.string }
        guard let task = task ?? complete?["task"]?["type"]?.string ?? root["pipeline_tag"]?.string else {
            throw fail("no task type known: pass --task (e.g. text-generation), or set pipeline_tag in the front matter")
        }
        guard let dataset = dataset ?? complete?["dataset"]?["type"]?.string ?? declaredDataset else {
            throw fail("no dataset known: pass --dataset (a dataset id), or list it under datasets in the front matter")
        }

        let index = results.firstIndex { $0["task"]?["type"]?.string == task && $0["dataset"]?["type"]?.string == dataset }
        var result = try index.map { i -> Node.Mapping in
            guard let mapping = results[i].mapping else { throw fail("a model-index result is a \(results[i].kindName), expected task, dataset and metrics") }
            return mapping
        } ?? Node.Mapping([
            (Node("task"), Node([(Node("type"), Node(task))])),
            (Node("dataset"), Node([(Node("name"), Node(dataset)), (Node("type"), Node(dataset))])),
        ])
        var metrics = try result["metrics"].map { node -> Node.Sequence in
            guard let sequence = node.sequence else { throw fail("model-index metrics is a \(node.kindName), expected a list") }
            return sequence
        } ?? Node.Sequence([])
        for metric in self.metrics {
            let value = Node(Self.format(metric.value))
            if let i = metrics.firstIndex(where: { $0["type"]?.string == metric.type && $0["name"]?.string == metric.name }),
               var mapping = metrics[i].mapping {
                mapping["value"] = value
                metrics[i] = .mapping(mapping)
            } else {
                metrics.append(Node([(Node("type"), Node(metric.type)), (Node("value"), value), (Node("name"), Node(metric.name))]))
            }
        }
        result["metrics"] = .sequence(metrics)
        if let index { results[index] = .mapping(result) } else { results.append(.mapping(result)) }
        entry["results"] = .sequence(results)
        if entries.isEmpty { entries.append(.mapping(entry)) } else { entries[entries.startIndex] = .mapping(entry) }
        return .sequence(entries)
    }

    /// Six significant digits in plain decimal notation: YAML 1.1 readers (PyYAML, which the Hub's
    /// Python tools use) read `1e-05` as a string, `0.00001` as a number.
    public static func format(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0.0" : "\(value)" }
        let decimals = min(15, max(1, 5 - Int(floor(log10(abs(value))))))
        var text = String(format: "%.\(decimals)f", value)
        while text.hasSuffix("0"), !text.hasSuffix(".0") { text.removeLast() }
        return text
    }
}
