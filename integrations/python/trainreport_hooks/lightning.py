"""A Lightning `Callback` that reports on the run's log directory when fitting ends."""

import logging

try:
    from lightning.pytorch.callbacks import Callback
except ImportError:  # the older package name
    from pytorch_lightning.callbacks import Callback

from .runner import ReportOutcome, TrainReport

logger = logging.getLogger("trainreport_hooks")


class TrainReportCallback(ReportOutcome, Callback):
    """Runs `trainreport report` (and `card`) on the logger's directory (`trainer.log_dir`, where
    `CSVLogger` writes `metrics.csv` and `TensorBoardLogger` its event files) when `fit` ends.

    Loggers write their last rows when the trainer tears down, after `on_fit_end`, so the callback
    saves them first. It runs on the global-zero process only and never fails the training: errors
    are logged. `log_dir` overrides the directory; other options are those of `TrainReport`.
    """

    def __init__(self, log_dir=None, **options):
        self.log_dir = log_dir
        self.report = TrainReport(**options)

    def on_fit_end(self, trainer, pl_module):
        if not trainer.is_global_zero:
            return
        for each in trainer.loggers:
            try:
                each.save()
                flush = getattr(getattr(each, "experiment", None), "flush", None)
                if callable(flush):
                    flush()
            except Exception:
                logger.exception("trainreport: could not save the %s logger's files", type(each).__name__)
        log_dir = self.log_dir or trainer.log_dir
        if log_dir is None:
            logger.error("trainreport: no report written: the trainer has no logger directory (pass log_dir=)")
            return
        self.report.run(log_dir)
