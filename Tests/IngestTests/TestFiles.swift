import Foundation
import Ingest
import RunModel

/// A fresh temporary directory per test, with helpers to write fixture files into it.
struct TestDirectory {
    let path: String

    init(_ label: String = #function) throws {
        let safe = label.filter { $0.isLetter || $0.isNumber }
        path = NSTemporaryDirectory() + "trainreport-ingest-\(safe)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` at a relative path (creating folders) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Data(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, _ data: Data) throws -> String {
        let full = path + "/" + relative
        let folder = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
        return full
    }

    func mkdir(_ relative: String) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` at `relative` in a fresh directory, loads the run it holds, and removes the directory.
    static func load(_ text: String, at relative: String) throws -> Run {
        let dir = try TestDirectory()
        defer { dir.remove() }
        return try RunLoader.load(try dir.write(relative, text))
    }
}

/// A small trainer_state.json as transformers writes it (sorted keys, indent 2).
enum Fixtures {
    static func trainerState(entries: [String], extra: String = "") -> String {
        let history = entries.map { "    {\n" + $0 + "\n    }" }.joined(separator: ",\n")
        return """
        {
          "best_metric": null,
          "best_model_checkpoint": null,
          "epoch": 1.0,
          "eval_steps": 500,
          "global_step": 30,
          "is_hyper_param_search": false,
          "is_local_process_zero": true,
          "is_world_process_zero": true,
          "log_history": [
        \(history)
          ],
          "logging_steps": 10,
          "max_steps": 30,\(extra)
          "num_train_epochs": 1,
          "save_steps": 500,
          "total_flos": 123.0,
          "train_batch_size": 8,
          "trial_name": null,
          "trial_params": null
        }

        """
    }

    static func train(step: Int, loss: String, gradNorm: String = "1.5", lr: String = "5e-05") -> String {
        """
              "epoch": \(Double(step) / 30),
              "grad_norm": \(gradNorm),
              "learning_rate": \(lr),
              "loss": \(loss),
              "step": \(step)
        """
    }
}
