import RunModel

/// `oom`: a text log of the run says "CUDA out of memory": the run crashed for lack of GPU memory.
/// Read from the log events ingestion collected (`RunMetadata.logEvents` of kind `.outOfMemory`).
/// Always an error: the run did not finish. No thresholds.
struct OOMRule: Rule {
    let id = "oom"
    let summary = "The run crashed with CUDA out of memory (from a text log)."
    var thresholds: [Threshold] { [] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        let events = run.metadata.logEvents.filter { $0.kind == .outOfMemory }
        guard let first = events.first else { return [] }
        let last = RunExtent.lastStep(run)
        var message = "\(first.path):\(first.line): \(first.text.prefix(300))"
        if events.count > 1 { message += " (\(Format.count(events.count, "out-of-memory line")) in all)" }
        if let last { message += ". The last logged step is \(last)" }
        if let max = run.metadata.maxSteps { message += " of max_steps \(max)" }
        message += "."
        var evidence = [Evidence("log_line", .text("\(first.path):\(first.line)"))]
        if let last { evidence.append(Evidence("last_step", .integer(last))) }
        return [Finding(
            id: id, severity: .error,
            title: "The run crashed: CUDA out of memory" + (last.map { " after step \($0)" } ?? ""),
            message: message, steps: last.map { $0...$0 }, metric: nil, evidence: evidence,
            why: "The process died when the GPU could not hold the activations, gradients and optimiser state; nothing after the crash was trained.",
            fixes: [
                "Halve per_device_train_batch_size and double gradient_accumulation_steps (same effective batch); or auto_find_batch_size=True.",
                "Turn on gradient_checkpointing=True (recomputes activations instead of storing them).",
                "Train in mixed precision: bf16=True (or fp16=True on GPUs without bf16).",
                "Shorten the sequences (max_length / max_seq_length, truncation) or use an 8-bit optimiser (optim=\"adamw_bnb_8bit\").",
            ])]
    }
}
