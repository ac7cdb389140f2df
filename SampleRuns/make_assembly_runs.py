#!/usr/bin/env python3
"""Make the run-assembly sample folders (SampleRuns/_assembly/) from real, tiny trainings on CPU.

Each folder is what a real training (or several) left behind, written by the libraries themselves,
for the question "which files are one run?" (README, "A run is everything one training left behind"):

  hf-resumed-logs/        HF Trainer, TensorBoard events in logs/ (TENSORBOARD_LOGGING_DIR), killed at
                          step 160 and resumed from checkpoint-100: the events go back from 160 to 105,
                          trainer_state.json does not (the Trainer rewrites log_history on resume);
                          train/all_results.json from save_metrics. One run, resumed.
  hf-killed/              HF Trainer killed (SIGKILL) at step 280 of 300: no top-level trainer_state.json,
                          only checkpoint-{100,200}/, events in runs/ up to step 280, and the console
                          log (nohup-style: dicts, banner, progress bar) ending mid-line. One run, killed.
  lightning-both-loggers/ Lightning with a CSVLogger ("csv_logs") and a TensorBoardLogger ("tb_logs"):
                          csv_logs/version_0/ and tb_logs/version_0/ of one training. One run.
  tfevents-three-runs/    the event files of three unrelated trainings (the HF run above, the Lightning
                          run above, a plain PyTorch loop) copied into one folder. Three runs.
  archive-with-strays/    two runs (a JSONL log, an HF dir with summary files) beside files that are
                          not runs (LABELS.json, results.json, notes.json, a wandb-summary.json). Two runs.

Model weights, optimizer state and training_args.bin are deleted; trainer_state.json, config.json,
event files, metrics.csv, hparams.yaml and logs are kept (a few KB each).

Usage:  /work/venv/bin/python SampleRuns/make_assembly_runs.py [--out DIR]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch  # noqa: E402

from make_sample_runs import HF_COMMON, CharCorpus, CrashAtStep, LMDataset, tiny_gpt2  # noqa: E402
from transformers import Trainer, TrainerCallback, TrainingArguments  # noqa: E402

KEEP = ("trainer_state.json", "config.json", "all_results.json", "train_results.json", "eval_results.json")


def keep_small_files(src: str, dest: str) -> None:
    """Copies what a person would keep of an output dir: states, configs, summaries, logs, events."""
    for root, _dirs, files in os.walk(src):
        for f in files:
            if f in KEEP or "tfevents" in f or f.endswith(".log"):
                rel = os.path.relpath(os.path.join(root, f), src)
                os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
                shutil.copyfile(os.path.join(root, f), os.path.join(dest, rel))


def close_writers(trainer) -> None:
    for callback in trainer.callback_handler.callbacks:
        writer = getattr(callback, "tb_writer", None)
        if writer is not None:
            writer.close()


def hf_args(output_dir: str, **extra) -> TrainingArguments:
    return TrainingArguments(output_dir=output_dir, seed=21, data_seed=21, use_cpu=True, disable_tqdm=True,
                             remove_unused_columns=False, dataloader_num_workers=0, report_to=["tensorboard"],
                             **HF_COMMON, **extra)


def make_hf_resumed(out: str, work: str, corpus: CharCorpus) -> None:
    output_dir = os.path.join(work, "hf-resumed-logs")
    os.environ["TENSORBOARD_LOGGING_DIR"] = os.path.join(output_dir, "logs")
    common = dict(max_steps=200, learning_rate=2e-3, warmup_steps=20, lr_scheduler_type="linear",
                  logging_steps=10, eval_strategy="steps", eval_steps=50, save_steps=100)
    train, evals = LMDataset(CharCorpus.chunks(corpus.train_ids)), LMDataset(CharCorpus.chunks(corpus.eval_ids, 128))
    first = Trainer(model=tiny_gpt2(corpus.vocab_size, 21), args=hf_args(output_dir, **common),
                    train_dataset=train, eval_dataset=evals, callbacks=[CrashAtStep(160)])
    try:
        first.train()
    except RuntimeError as error:
        print(f"  hf-resumed-logs: {error} (expected)")
    close_writers(first)
    second = Trainer(model=tiny_gpt2(corpus.vocab_size, 21), args=hf_args(output_dir, **common),
                     train_dataset=train, eval_dataset=evals)
    result = second.train(resume_from_checkpoint=os.path.join(output_dir, "checkpoint-100"))
    second.save_state()
    second.save_metrics("train", result.metrics)
    second.save_metrics("eval", second.evaluate())
    close_writers(second)
    os.environ.pop("TENSORBOARD_LOGGING_DIR", None)
    keep_small_files(output_dir, os.path.join(out, "hf-resumed-logs"))


class KillAtStep(TrainerCallback):
    """SIGKILLs the process after the step's logs were written, as an OOM killer or `scancel` does."""

    def __init__(self, step: int) -> None:
        self.step = step

    def on_log(self, args, state, control, logs=None, **kwargs):
        if state.global_step >= self.step:
            os.kill(os.getpid(), signal.SIGKILL)


class QuietAfterBanner(TrainerCallback):
    """Info-level logging for the Trainer's set-up banner only, as scripts that log
    the set-up and then only the metric dicts do; later lines on stderr would hide the cut."""

    def on_train_begin(self, args, state, control, **kwargs):
        import transformers
        transformers.logging.set_verbosity_warning()


def child_killed_hf(output_dir: str) -> None:
    """Runs in a child process whose stdout and stderr go to train.log, like `nohup python train.py`
    (unbuffered, so the dicts and the progress bar appear in the order they were printed). The kill
    leaves the progress bar's last line without its end, as it does in real killed runs' logs."""
    import transformers
    transformers.logging.set_verbosity_info()  # the Trainer's set-up banner
    corpus = CharCorpus()
    args = hf_args(output_dir, max_steps=300, learning_rate=2e-3, warmup_steps=30, lr_scheduler_type="linear",
                   logging_steps=10, eval_strategy="steps", eval_steps=100, save_steps=100)
    args.disable_tqdm = False  # the progress bar, as people run it
    trainer = Trainer(model=tiny_gpt2(corpus.vocab_size, 22), args=args,
                      train_dataset=LMDataset(CharCorpus.chunks(corpus.train_ids)),
                      eval_dataset=LMDataset(CharCorpus.chunks(corpus.eval_ids, 128)), callbacks=[QuietAfterBanner(), KillAtStep(280)])
    trainer.train()


def make_hf_killed(out: str, work: str) -> None:
    output_dir = os.path.join(work, "hf-killed")
    os.makedirs(output_dir, exist_ok=True)
    with open(os.path.join(output_dir, "train.log"), "wb") as log:
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--child-killed-hf", output_dir],
                              stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1", "TQDM_MININTERVAL": "2"})
    print(f"  hf-killed: child exited {proc.returncode} (-9 = SIGKILL, expected)")
    keep_small_files(output_dir, os.path.join(out, "hf-killed"))


def make_lightning(out: str, work: str) -> None:
    import lightning as L
    from lightning.pytorch.loggers import CSVLogger, TensorBoardLogger

    class Regressor(L.LightningModule):
        def __init__(self, hidden: int = 16, lr: float = 0.05) -> None:
            super().__init__()
            self.save_hyperparameters()
            self.net = torch.nn.Sequential(torch.nn.Linear(4, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, 1))

        def training_step(self, batch, _):
            x, y = batch
            loss = torch.nn.functional.mse_loss(self.net(x), y)
            self.log("train_loss", loss)
            return loss

        def validation_step(self, batch, _):
            x, y = batch
            self.log("val_loss", torch.nn.functional.mse_loss(self.net(x), y))

        def configure_optimizers(self):
            return torch.optim.SGD(self.parameters(), lr=self.hparams.lr)

    torch.manual_seed(23)
    x = torch.randn(512, 4)
    y = (x @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]])) + 0.1 * torch.randn(512, 1)
    train = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x[:448], y[:448]), batch_size=16, shuffle=True)
    val = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x[448:], y[448:]), batch_size=64)
    save_dir = os.path.join(out, "lightning-both-loggers")
    shutil.rmtree(save_dir, ignore_errors=True)
    trainer = L.Trainer(max_epochs=4, log_every_n_steps=7, accelerator="cpu", enable_checkpointing=False,
                        enable_progress_bar=False, enable_model_summary=False,
                        logger=[CSVLogger(save_dir, name="csv_logs"), TensorBoardLogger(save_dir, name="tb_logs")])
    trainer.fit(Regressor(), train, val)


def plain_loop_events(work: str) -> str:
    """A plain PyTorch loop writing TensorBoard scalars with its own tag names."""
    from torch.utils.tensorboard import SummaryWriter

    log_dir = os.path.join(work, "plain-loop")
    writer = SummaryWriter(log_dir)
    torch.manual_seed(24)
    w = torch.zeros(3, requires_grad=True)
    target = torch.tensor([0.5, -1.0, 2.0])
    opt = torch.optim.Adam([w], lr=0.1)
    for step in range(60):
        loss = ((w - target) ** 2).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        writer.add_scalar("Loss/train", loss.item(), step)
        if step % 10 == 0:
            writer.add_scalar("Weights/norm", w.norm().item(), step)
    writer.close()
    return glob.glob(os.path.join(log_dir, "events.out.tfevents.*"))[0]


def make_three_runs(out: str, files: list[str]) -> None:
    dest = os.path.join(out, "tfevents-three-runs")
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    for f in files:
        shutil.copyfile(f, os.path.join(dest, os.path.basename(f)))


def make_archive(out: str) -> None:
    dest = os.path.join(out, "archive-with-strays")
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(os.path.join(dest, "run-a", "wandb"))
    shutil.copyfile(os.path.join(HERE, "jsonl-healthy", "train_log.jsonl"), os.path.join(dest, "run-a", "train_log.jsonl"))
    shutil.copytree(os.path.join(HERE, "hf-no-eval"), os.path.join(dest, "run-b"),
                    ignore=shutil.ignore_patterns("checkpoint-*"))
    strays = {
        "LABELS.json": {"0": "negative", "1": "positive"},
        "results.json": {"accuracy": 0.912, "f1": 0.887, "model": "run-b"},
        "notes.json": {"author": "someone", "notes": "run-b is the one we shipped"},
        "run-a/wandb/wandb-summary.json": {"_step": 499, "loss": 2.31, "_runtime": 61.2},
        "run-b/all_results.json": {"epoch": 1.01, "train_loss": 2.9, "train_runtime": 12.5,
                                   "train_samples_per_second": 256.0, "train_steps_per_second": 16.0},
    }
    for rel, content in strays.items():
        with open(os.path.join(dest, rel), "w") as f:
            json.dump(content, f, indent=4, sort_keys=True)
            f.write("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(HERE, "_assembly"))
    parser.add_argument("--only", nargs="*", choices=["hf-resumed-logs", "hf-killed", "lightning-both-loggers",
                        "tfevents-three-runs", "archive-with-strays"], help="make only these folders")
    parser.add_argument("--child-killed-hf", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child_killed_hf:
        child_killed_hf(options.child_killed_hf)
        return
    out = os.path.abspath(options.out)
    os.makedirs(out, exist_ok=True)
    only = set(options.only or ["hf-resumed-logs", "hf-killed", "lightning-both-loggers", "tfevents-three-runs",
                                "archive-with-strays"])
    for name in only & {"hf-resumed-logs", "hf-killed"}:
        shutil.rmtree(os.path.join(out, name), ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="trainreport-assembly-") as work:
        if "hf-resumed-logs" in only:
            make_hf_resumed(out, work, CharCorpus())
        if "hf-killed" in only:
            make_hf_killed(out, work)
        if "lightning-both-loggers" in only:
            make_lightning(out, work)
        if "tfevents-three-runs" in only:  # from the two folders above, made earlier or now
            killed = glob.glob(os.path.join(out, "hf-killed", "runs", "*", "events.out.tfevents.*"))
            lightning = glob.glob(os.path.join(out, "lightning-both-loggers", "tb_logs", "version_0", "events.out.tfevents.*"))
            make_three_runs(out, killed + lightning + [plain_loop_events(work)])
    if "archive-with-strays" in only:
        make_archive(out)
    for root, _dirs, files in sorted(os.walk(out)):
        for f in sorted(files):
            print(f"  {os.path.relpath(os.path.join(root, f), out)}: {os.path.getsize(os.path.join(root, f))} bytes")


if __name__ == "__main__":
    main()
