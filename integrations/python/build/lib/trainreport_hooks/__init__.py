"""Run `trainreport` when training ends.

- ``trainreport_hooks.huggingface.TrainReportCallback``: a ``transformers.TrainerCallback``.
- ``trainreport_hooks.lightning.TrainReportCallback``: a Lightning ``Callback``.
- ``trainreport_hooks.runner.TrainReport``: the options and the call both share.

Each imports only its own framework, so importing this package needs neither.
"""

from .runner import TrainReport

__all__ = ["TrainReport"]
