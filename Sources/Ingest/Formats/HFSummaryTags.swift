import RunModel

/// The tags HF's `TensorBoardCallback` writes once, for the end-of-training summary. They are run
/// metadata (the mean training loss over the whole run, the runtime...), not curves: `train/train_loss`
/// in particular must never join `train/loss`.
enum HFSummaryTags {
    static let all: Set<String> = ["train/train_runtime", "train/train_samples_per_second", "train/train_steps_per_second",
                                   "train/train_loss", "train/total_flos"]

    /// The summary key (`train_loss`...) when `tag` is a summary tag, also in the form a browser
    /// saves it in an export's file name (`train_train_loss`, `/` replaced by `_`).
    static func summaryKey(of tag: String) -> String? {
        let slashed = tag.hasPrefix("train_") ? "train/" + tag.dropFirst("train_".count) : tag
        return all.contains(slashed) ? String(slashed.dropFirst("train/".count)) : nil
    }
}
