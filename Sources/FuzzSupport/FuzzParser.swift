#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Ingest
import RunModel

/// The byte readers one fuzz input can reach. The input's first byte picks one (modulo the count);
/// the rest is written to a scratch file with the name that format expects and read through
/// `RunLoader.load(_:format:)`, the path every command takes, so the fuzzer sees the real code.
public enum FuzzParser: CaseIterable, Sendable {
    case trainerState, jsonl, tensorBoardCSV, tensorBoardJSON, tfevents, textLog, lightningCSV, mlflowMetric, wandb
    /// The same bytes through every text-log preset (`megatron-log` ... `global-step-log`), and their sniffs.
    case textLogPresets
    /// Every format's `sniff` over the bytes (no file involved).
    case sniff

    public static func pick(_ selector: UInt8) -> FuzzParser {
        allCases[Int(selector) % allCases.count]
    }

    var formatID: String? {
        switch self {
        case .trainerState: "hf-trainer-state"
        case .jsonl: "jsonl"
        case .tensorBoardCSV: "tensorboard-csv"
        case .tensorBoardJSON: "tensorboard-json"
        case .tfevents: "tfevents"
        case .textLog: "hf-text-log"
        case .lightningCSV: "lightning-csv"
        case .mlflowMetric: "mlflow"
        case .wandb: "wandb"
        case .textLogPresets: "megatron-log"
        case .sniff: nil
        }
    }

    /// Where the bytes go, relative to this parser's scratch folder; the folder is what is loaded
    /// for MLflow (a run directory), the file for everything else.
    var fileName: String {
        switch self {
        case .trainerState: "trainer_state.json"
        case .jsonl: "train_log.jsonl"
        case .tensorBoardCSV: "run-train-tag-loss.csv"
        case .tensorBoardJSON: "run-train-tag-loss.json"
        case .tfevents: "events.out.tfevents.1700000000.host.1.0"
        case .textLog: "train.log"
        case .lightningCSV: "metrics.csv"
        case .mlflowMetric: "metrics/loss"
        case .wandb: "run-fuzz0001.wandb"
        case .textLogPresets: "stdout.log"
        case .sniff: "input"
        }
    }

    /// Reads `bytes` with this parser and returns the run, or nil when the bytes are not one (thrown
    /// errors are expected: most inputs are not valid files); only a trap or a sanitizer report is a
    /// finding. `.sniff` only sniffs, and returns nil.
    public func load(_ bytes: UnsafeBufferPointer<UInt8>) -> Run? {
        guard let formatID else {
            _ = FormatRegistry.standard.detect(fileName: "input", prefix: Array(bytes))
            return nil
        }
        let folder = FuzzScratch.folder(for: self)
        guard FuzzScratch.write(bytes, to: folder + "/" + fileName) else { return nil }
        if self == .textLogPresets {
            let prefix = Array(bytes.prefix(FormatRegistry.sniffLength))
            var first: Run?
            for format in FormatRegistry.standard.formats where format.id.hasSuffix("-log") && format.id != "hf-text-log" {
                _ = format.sniff(fileName: fileName, prefix: prefix)
                if let run = try? RunLoader.load(folder + "/" + fileName, format: format.id), first == nil { first = run }
            }
            return first
        }
        return try? RunLoader.load(self == .mlflowMetric ? folder : folder + "/" + fileName, format: formatID)
    }
}
