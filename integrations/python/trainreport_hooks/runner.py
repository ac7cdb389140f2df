"""The part both callbacks share: which `trainreport` to run, with which options, and the rule
that a report never fails the training (every error is logged, never raised)."""

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

logger = logging.getLogger("trainreport_hooks")


@dataclass
class TrainReport:
    """Options for the `trainreport` runs at the end of training.

    formats: report files to write (`pdf`, `html`, `md`, `json`).
    report_dir: where the reports go; default `<output dir>/trainreport` (one folder per run inside).
    fail_on: `warning` or `error`: `status` is then 1 when a finding reaches it (training is not
        stopped or failed; read `status` or `failed` after `trainer.train()` to act on it).
    model_card: a model card (`README.md`) or model repository folder to update with `trainreport card`.
    card_after, card_public, model_index, task, dataset: `card`'s `--after`, `--public`,
        `--model-index`, `--task`, `--dataset`.
    config: a diagnostics configuration file (`--config`).
    executable: the `trainreport` binary; default `$TRAINREPORT`, else `trainreport` on PATH.
    timeout: seconds before a run of `trainreport` is given up.
    """

    formats: Sequence[str] = ("pdf", "html", "md", "json")
    report_dir: Optional[str] = None
    fail_on: Optional[str] = None
    model_card: Optional[str] = None
    card_after: Optional[str] = None
    card_public: bool = False
    model_index: bool = False
    task: Optional[str] = None
    dataset: Optional[str] = None
    config: Optional[str] = None
    executable: Optional[str] = None
    timeout: float = 600
    #: Exit status of the last `trainreport` run: 0 clean, 1 a finding reached `fail_on`, 2 bad
    #: input; None when it could not run at all (not installed, timed out).
    status: Optional[int] = field(default=None, init=False)

    @property
    def failed(self) -> bool:
        """True when the report could not be made or a finding reached `fail_on`."""
        return self.status != 0

    def find_executable(self) -> Optional[str]:
        return self.executable or os.environ.get("TRAINREPORT") or shutil.which("trainreport")

    def commands(self, run_dir: str, executable: str) -> List[List[str]]:
        """The `trainreport` command lines for `run_dir`: `report`, then `card` when a card is given."""
        common = []
        if self.fail_on:
            common += ["--fail-on", self.fail_on]
        if self.config:
            common += ["--config", self.config]
        report_dir = self.report_dir or os.path.join(run_dir, "trainreport")
        commands = [[executable, "report", run_dir, "--output", report_dir, "--format", ",".join(self.formats)] + common]
        if self.model_card:
            card = [executable, "card", run_dir, "--model-card", self.model_card] + common
            if self.card_after:
                card += ["--after", self.card_after]
            if self.card_public:
                card.append("--public")
            if self.model_index:
                card.append("--model-index")
            if self.task:
                card += ["--task", self.task]
            if self.dataset:
                card += ["--dataset", self.dataset]
            commands.append(card)
        return commands

    def run(self, run_dir: str) -> Optional[int]:
        """Reports on `run_dir` (and updates the card); returns the worst exit status. Never raises."""
        try:
            executable = self.find_executable()
            if executable is None:
                logger.error("trainreport: no report written: the trainreport binary is not on PATH "
                             "(install the .deb, or set TRAINREPORT=/path/to/trainreport)")
                self.status = None
                return None
            statuses = []
            for command in self.commands(run_dir, executable):
                statuses.append(self._run_one(command))
            self.status = None if None in statuses else max(statuses)
        except Exception:  # a report must never fail the training
            logger.exception("trainreport: failed to run")
            self.status = None
        return self.status

    def _run_one(self, command: List[str]) -> Optional[int]:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=self.timeout)
        except (OSError, subprocess.TimeoutExpired) as error:
            logger.error("trainreport: %s: %s", " ".join(command[:2]), error)
            return None
        for line in done.stdout.splitlines():
            logger.info("trainreport: %s", line)
        if done.returncode == 0:
            return 0
        message = done.stderr.strip() or done.stdout.strip()
        if done.returncode == 1:
            logger.warning("trainreport %s: a finding reached --fail-on %s%s", command[1], self.fail_on,
                           (": " + message) if message else "")
        else:
            logger.error("trainreport %s exited with status %d: %s", command[1], done.returncode, message)
        return done.returncode


class ReportOutcome:
    """What the report run at the end of training said: both callbacks expose it the same way."""

    report: "TrainReport"

    @property
    def status(self):
        return self.report.status

    @property
    def failed(self):
        return self.report.failed
