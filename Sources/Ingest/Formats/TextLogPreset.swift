/// How one producer prints its training progress, for `TextLogFormat`. Each preset is a format id
/// of its own. The line shapes were taken from each producer's source:
///
/// - `megatron-log` (Megatron-LM `training_log`): ` [2024-01-15 10:30:00] iteration      100/    1000 |
///   consumed samples: ... | learning rate: 1.000000E-04 | ... | lm loss: 2.345678E+00 | grad norm: 0.812 |`,
///   and ` validation loss at iteration 100 | lm loss value: 2.3E+00 | lm loss PPL: 9.9E+00 |`.
/// - `nanogpt-log` (nanoGPT `train.py`: `iter 100: loss 2.3010, time 31.20ms, mfu 12.34%`,
///   `step 250: train loss 1.9626, val loss 2.0783`; llm.c: `step    1/74 | train loss 11.0096 |
///   norm 15.4361 | lr 6.00e-06 | (1142.31 ms | 8973 tok/s)` and `val loss 3.21`).
/// - `torchtune-log` (torchtune `DiskLogger`/`StdoutLogger`: `Step 100 | loss:2.345 lr:2e-05 tokens_per_second_per_gpu:1234.5`).
/// - `fairseq-log` (fairseq `SimpleProgressBar`: `epoch 001:    100 / 1000 loss=9.876, ..., num_updates=100, lr=0.0005, gnorm=1.234, ...`,
///   and `epoch 001 | valid on 'valid' subset | loss 8.9 | ... | num_updates 1000`; the step is `num_updates`).
/// - `keras-log` (Keras `Progbar` under `model.fit`: `Epoch 3/10` then `100/100 [====] - 2s 20ms/step - loss: 0.23 -
///   accuracy: 0.91 - val_loss: 0.31 - val_accuracy: 0.88`, Keras 3's `━━━` bar alike; the step is the epoch).
/// - `global-step-log` (custom TF-style loggers: `Global step 500. Time: 0.41, loss: 0.0123, perplexity: 1.01`,
///   and TF's translate.py `global step 200 learning rate 0.5000 step-time 1.23 perplexity 45.67`).
enum TextLogPreset: String, CaseIterable, Sendable {
    case megatron = "megatron-log"
    case nanoGPT = "nanogpt-log"
    case torchtune = "torchtune-log"
    case fairseq = "fairseq-log"
    case keras = "keras-log"
    case globalStep = "global-step-log"

    var summary: String {
        switch self {
        case .megatron: "Megatron-LM stdout (' iteration N/ M | lm loss: ... | learning rate: ... |', validation lines)"
        case .nanoGPT: "nanoGPT / llm.c stdout ('iter N: loss ...', 'step N: train loss ..., val loss ...', 'step N/M | train loss ... |')"
        case .torchtune: "torchtune metric log ('Step N | loss:... lr:...')"
        case .fairseq: "fairseq stdout ('epoch 001:  100 / 1000 loss=..., num_updates=...', 'valid on' lines)"
        case .keras: "Keras model.fit output ('Epoch 3/10' and '- loss: ... - val_loss: ...' progress lines)"
        case .globalStep: "custom 'Global step N. Time: ..., loss: ...' logs"
        }
    }

    enum Kind { case train, eval }

    /// One metrics line: its step (nil: the step of the line before), kind and pairs.
    struct Entry {
        var step: Int?
        var kind: Kind
        var pairs: [(String, Double)]
    }

    /// The metrics on a line, if it is one of this preset's; `epoch` carries Keras' current epoch.
    func entry(_ line: Substring, epoch: inout (current: Int, total: Int)?) -> Entry? {
        let body = Self.afterTimestamp(line)
        switch self {
        case .megatron:
            if let r = body.range(of: "validation loss at iteration ") {
                var c = TextLogLine(body[r.upperBound...])
                guard let step = c.integer() else { return nil }
                let pairs = TextLogPairs.pairs(c.rest).map { ($0.0.hasSuffix(" value") ? String($0.0.dropLast(6)) : $0.0, $0.1) }
                return Entry(step: step, kind: .eval, pairs: pairs)
            }
            guard let r = body.range(of: "iteration ") else { return nil }
            var c = TextLogLine(body[r.upperBound...])
            c.spaces()
            guard let step = c.integer(), c.word("/") else { return nil }
            c.spaces()
            guard c.integer() != nil else { return nil }
            c.spaces()
            guard c.word("|") else { return nil }
            return Entry(step: step, kind: .train, pairs: TextLogPairs.pairs(c.rest))
        case .nanoGPT:
            var c = TextLogLine(body)
            if c.word("iter ") {
                guard let step = c.integer(), c.word(":") else { return nil }
                return Entry(step: step, kind: .train, pairs: TextLogPairs.pairs(c.rest))
            }
            if c.word("val loss ") {
                guard let v = c.number(), c.rest.allSatisfy({ $0 == " " || $0 == "\r" }) else { return nil }
                return Entry(step: nil, kind: .eval, pairs: [("val loss", v)])
            }
            guard c.word("step") else { return nil }
            c.spaces()
            guard let step = c.integer() else { return nil }
            if c.word(":") {
                let pairs = TextLogPairs.pairs(c.rest).map { ($0.0 == "train loss" ? "train_split_loss" : $0.0, $0.1) }
                guard pairs.contains(where: { $0.0 == "val loss" }) else { return nil }
                return Entry(step: step, kind: .eval, pairs: pairs)
            }
            guard c.word("/"), c.integer() != nil else { return nil }
            c.spaces()
            guard c.word("|") else { return nil }
            let rest = String(c.rest).replacingOccurrences(of: "(", with: "|").replacingOccurrences(of: ")", with: "|")
            return Entry(step: step, kind: .train, pairs: TextLogPairs.pairs(Substring(rest)))
        case .torchtune:
            var c = TextLogLine(body)
            guard c.word("Step "), let step = c.integer() else { return nil }
            c.spaces()
            guard c.word("|") else { return nil }
            let pairs = TextLogPairs.pairs(c.rest)
            return pairs.isEmpty ? nil : Entry(step: step, kind: .train, pairs: pairs)
        case .fairseq:
            if body.contains("valid on '") {
                let pairs = TextLogPairs.pairs(body)
                guard let step = pairs.first(where: { $0.0 == "num_updates" }).flatMap({ Int(exactly: $0.1) }) else { return nil }
                return Entry(step: step, kind: .eval, pairs: pairs)
            }
            guard let r = body.range(of: "epoch ") else { return nil }
            var c = TextLogLine(body[r.upperBound...])
            guard c.integer() != nil, c.word(":") else { return nil }
            c.spaces()
            guard c.integer() != nil else { return nil }
            c.spaces()
            guard c.word("/") else { return nil }
            c.spaces()
            guard c.integer() != nil else { return nil }
            let pairs = TextLogPairs.pairs(c.rest)
            guard let step = pairs.first(where: { $0.0 == "num_updates" }).flatMap({ Int(exactly: $0.1) }) else { return nil }
            return Entry(step: step, kind: .train, pairs: pairs)
        case .keras:
            var c = TextLogLine(body)
            if c.word("Epoch "), let n = c.integer(), c.word("/"), let total = c.integer(), c.rest.allSatisfy({ $0 == " " || $0 == "\r" }) {
                epoch = (n, total)
                return nil
            }
            guard let current = epoch, body.contains(" - loss: ") || body.hasPrefix("loss: ") || body.contains(" - val_loss: ") else { return nil }
            let pairs = body.components(separatedBy: " - ").filter { $0.contains(": ") }.compactMap { TextLogPairs.pair(Substring($0)) }
            return pairs.isEmpty ? nil : Entry(step: current.current, kind: .train, pairs: pairs + [("epoch", Double(current.current))])
        case .globalStep:
            var c = TextLogLine(body)
            guard c.word("Global step ") || c.word("global step ") || c.word("Global Step "), let step = c.integer() else { return nil }
            _ = c.word(".")
            _ = c.word(":")
            let pairs = TextLogPairs.pairs(c.rest)
            return pairs.isEmpty ? nil : Entry(step: step, kind: .train, pairs: pairs)
        }
    }

    /// Names as each producer prints them, mapped to the keys `MetricCatalog` knows.
    func key(_ name: String, kind: Kind) -> String {
        let renames: [String: String]
        switch self {
        case .megatron: renames = ["lm loss": "loss", "lm loss PPL": "perplexity", "loss scale": "loss_scale",
                                   "elapsed time per iteration (ms)": "iteration_time_ms",
                                   "throughput per GPU (TFLOP/s/GPU)": "tflops_per_gpu"]
        case .nanoGPT: renames = ["train loss": "loss", "norm": "grad_norm", "tok/s": "tokens_per_second", "val loss": "loss",
                                  "ms": "step_time_ms", "bf16 MFU": "mfu", "time_ms": "step_time_ms"]
        case .fairseq: renames = ["gnorm": "grad_norm", "wps": "tokens_per_second", "ppl": "perplexity"]
        case .globalStep: renames = ["Time": "step_time", "step-time": "step_time"]
        case .torchtune, .keras: renames = [:]
        }
        let name = renames[name] ?? name
        return kind == .eval ? "eval_" + name : name
    }

    /// Keys that are the step itself or bookkeeping, not series.
    func skips(_ key: String) -> Bool {
        switch self {
        case .fairseq: key == "num_updates" || key == "epoch"
        case .megatron: key == "consumed samples" || key == "global batch size" || key.hasPrefix("number of ")
        default: false
        }
    }

    /// Lines that start (or restart) a training: each beyond the first marks a relaunch.
    static let banners = ["starting training", "Starting training", "Resuming training", "resuming training",
                          "Initializing a new model from scratch", "Resuming training from", "training ..."]

    /// The line without a leading timestamp (`[2024-01-15 10:30:00]`, `2024-01-15 10:30:00 | INFO | train_inner |`).
    static func afterTimestamp(_ line: Substring) -> Substring {
        var s = line.drop { $0 == " " || $0 == "\t" }
        guard TextLogLine.timestamp(s) != nil else { return s }
        if s.first == "[", let close = s.firstIndex(of: "]") { return s[s.index(after: close)...].drop { $0 == " " } }
        s = s.dropFirst(19).drop { $0.isNumber || $0 == "." || $0 == "," }
        return s.drop { $0 == " " || $0 == "]" }
    }
}
