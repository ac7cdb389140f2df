"""A `transformers.TrainerCallback` that reports on the output directory when training ends."""

import logging
import os

from transformers import TrainerCallback

from .runner import ReportOutcome, TrainReport

logger = logging.getLogger("trainreport_hooks")


class TrainReportCallback(ReportOutcome, TrainerCallback):
    """Runs `trainreport report` (and `card`) on `args.output_dir` at the end of `trainer.train()`.

    The Trainer calls `on_train_end` before the user's `trainer.save_state()`, so the callback first
    writes the trainer state (`trainer_state.json`, with the final summary the Trainer has just
    logged) into the output directory; without it the run would look killed. It runs on the main
    process only and never fails the training: errors are logged. Options are those of `TrainReport`;
    `callback.status` and `callback.failed` tell the outcome afterwards.

        trainer = Trainer(..., callbacks=[TrainReportCallback(fail_on="error", model_card="out/README.md")])
    """

    def __init__(self, **options):
        self.report = TrainReport(**options)

    def on_train_end(self, args, state, control, **kwargs):
        if not state.is_world_process_zero:
            return
        try:
            os.makedirs(args.output_dir, exist_ok=True)
            state.save_to_json(os.path.join(args.output_dir, "trainer_state.json"))
        except Exception:
            logger.exception("trainreport: could not write trainer_state.json into %s", args.output_dir)
            return
        self.report.run(args.output_dir)
