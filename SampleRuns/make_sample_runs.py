#!/usr/bin/env python3
"""Make trainreport's sample runs from real, tiny trainings on CPU.

Every run here is a real training of a tiny character-level GPT-2 (2 layers, 64 wide, ~110k
parameters) built from a config (no model hub), on text taken from Python's own standard-library
sources on this machine (nothing is downloaded). What each producer writes is what it really
writes: Hugging Face `Trainer` writes the trainer_state.json files, TensorBoard's own
`EventAccumulator` reads back the tfevents that HF's `TensorBoardCallback` (or a
`SummaryWriter`) wrote, and a plain PyTorch loop writes the JSONL logs.

Only small text files are kept: model weights, optimizer state, training_args.bin and tfevents
files are deleted (tfevents are exported to CSV the way the TensorBoard UI does).

Usage:  python3 SampleRuns/make_sample_runs.py [--out DIR] [--only RUN ...]
See SampleRuns/README.md for what each run shows.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import difflib
import glob
import inspect
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time

import shlex
import string

import torch

torch.set_num_threads(1)  # determinism, and fairness on a shared 2-core machine

import transformers  # noqa: E402
from transformers import (  # noqa: E402
    GPT2Config,
    GPT2LMHeadModel,
    PrinterCallback,
    Trainer,
    TrainerCallback,
    TrainingArguments,
    get_cosine_schedule_with_warmup,
)

transformers.logging.set_verbosity_error()
transformers.logging.disable_progress_bar()

SEQ_LEN = 64
HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------------------------------------
# Data: character-level text from Python's own standard-library sources.
# ---------------------------------------------------------------------------------------------

class CharCorpus:
    """Train text (argparse, difflib, textwrap sources) and held-out text (shlex, string)."""

    def __init__(self) -> None:
        train_text = "".join(inspect.getsource(m) for m in (argparse, difflib, textwrap))
        eval_text = "".join(inspect.getsource(m) for m in (shlex, string))
        self.chars = sorted(set(train_text) | set(eval_text))
        self.stoi = {c: i for i, c in enumerate(self.chars)}
        self.train_ids = torch.tensor([self.stoi[c] for c in train_text], dtype=torch.long)
        self.eval_ids = torch.tensor([self.stoi[c] for c in eval_text], dtype=torch.long)

    @property
    def vocab_size(self) -> int:
        return len(self.chars)

    @staticmethod
    def chunks(ids: torch.Tensor, count: int | None = None) -> list[torch.Tensor]:
        """Non-overlapping SEQ_LEN windows (the first `count` of them when given)."""
        n = len(ids) // SEQ_LEN
        if count is not None:
            n = min(n, count)
        return [ids[i * SEQ_LEN:(i + 1) * SEQ_LEN] for i in range(n)]


class LMDataset(torch.utils.data.Dataset):
    def __init__(self, chunks: list[torch.Tensor]) -> None:
        self.chunks = chunks

    def __len__(self) -> int:
        return len(self.chunks)

    def __getitem__(self, i: int) -> dict:
        x = self.chunks[i]
        return {"input_ids": x, "labels": x}


def tiny_gpt2(vocab_size: int, seed: int, dropout: float = 0.1) -> GPT2LMHeadModel:
    torch.manual_seed(seed)
    config = GPT2Config(n_layer=2, n_embd=64, n_head=2, n_positions=SEQ_LEN, vocab_size=vocab_size,
                        bos_token_id=0, eos_token_id=0, resid_pdrop=dropout, embd_pdrop=dropout,
                        attn_pdrop=dropout)
    return GPT2LMHeadModel(config)


# ---------------------------------------------------------------------------------------------
# Hugging Face Trainer runs
# ---------------------------------------------------------------------------------------------

class CrashAtStep(TrainerCallback):
    """Raises at the end of a step, like a node failure or pre-emption killing the job."""

    def __init__(self, step: int) -> None:
        self.step = step

    def on_step_end(self, args, state, control, **kwargs):
        if state.global_step == self.step:
            raise RuntimeError(f"simulated node failure at step {self.step}")


def hf_run(name: str, out: str, work: str, corpus: CharCorpus, *, train_chunks, eval_chunks, seed: int,
           tensorboard_export: str | None = None, dropout: float = 0.1, crash_at: int | None = None,
           **training_args) -> None:
    """Trains with `transformers.Trainer`, keeps trainer_state.json (+config.json) of each checkpoint
    and of the output dir, and optionally exports the TensorBoard scalars as UI-style CSVs."""
    output_dir = os.path.join(work, name)
    shutil.rmtree(output_dir, ignore_errors=True)
    out = os.path.abspath(out)
    tb_dir = os.path.join(work, "tb", tensorboard_export or name)
    shutil.rmtree(tb_dir, ignore_errors=True)
    if tensorboard_export:
        os.environ["TENSORBOARD_LOGGING_DIR"] = tb_dir
    args = TrainingArguments(
        output_dir=name, seed=seed, data_seed=seed, use_cpu=True, disable_tqdm=True,
        remove_unused_columns=False, dataloader_num_workers=0,
        report_to=["tensorboard"] if tensorboard_export else "none",
        **training_args,
    )
    trainer = Trainer(
        model=tiny_gpt2(corpus.vocab_size, seed, dropout), args=args,
        train_dataset=LMDataset(train_chunks),
        eval_dataset=LMDataset(eval_chunks) if eval_chunks else None,
        callbacks=[CrashAtStep(crash_at)] if crash_at else None,
    )
    trainer.remove_callback(PrinterCallback)  # the log dicts it prints are in trainer_state.json
    try:
        with contextlib.chdir(work):  # relative output_dir: stable paths in best_model_checkpoint
            trainer.train()
            trainer.save_state()  # what run_clm.py & co. do after train(): output_dir/trainer_state.json
    except RuntimeError as error:
        if crash_at is None:
            raise
        print(f"  {name}: {error} (expected)")
    finally:
        os.environ.pop("TENSORBOARD_LOGGING_DIR", None)
        for callback in trainer.callback_handler.callbacks:  # close the SummaryWriter
            writer = getattr(callback, "tb_writer", None)
            if writer is not None:
                writer.close()

    dest = os.path.join(out, name)
    shutil.rmtree(dest, ignore_errors=True)
    keep = ("trainer_state.json", "config.json")
    for src_dir in [output_dir] + sorted(glob.glob(os.path.join(output_dir, "checkpoint-*"))):
        rel = os.path.relpath(src_dir, output_dir)
        for f in keep:
            src = os.path.join(src_dir, f)
            if os.path.exists(src):
                os.makedirs(os.path.join(dest, rel), exist_ok=True)
                shutil.copyfile(src, os.path.join(dest, rel, f))
    shutil.rmtree(output_dir, ignore_errors=True)  # weights, optimizer.pt, training_args.bin...

    if tensorboard_export:
        export_tensorboard_csv(os.path.join(work, "tb"), os.path.join(out, tensorboard_export))


# ---------------------------------------------------------------------------------------------
# TensorBoard UI CSV export
# ---------------------------------------------------------------------------------------------

def export_tensorboard_csv(logdir: str, dest: str, only_run: str | None = None) -> None:
    """Writes `run-<run>-tag-<tag>.csv` for every scalar tag of the runs under `logdir`, exactly
    as the TensorBoard UI's scalars plugin does (`scalars_impl`, format=csv): `csv.writer`
    (CRLF), header `Wall time,Step,Value`, values as the float32 widened to a Python float.
    A `/` in the tag becomes `_` in the file name, as browsers do on download."""
    from tensorboard.backend.event_processing import event_multiplexer

    mux = event_multiplexer.EventMultiplexer(size_guidance={"scalars": 1000})  # the UI's 1,000 points
    mux.AddRunsFromDirectory(logdir)
    mux.Reload()
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    wanted = only_run if only_run is not None else os.path.basename(dest)
    for run, tags in sorted(mux.Runs().items()):
        if run != wanted:
            continue
        for tag in sorted(tags.get("scalars", [])):
            name = f"run-{run}-tag-{tag}.csv".replace("/", "_")
            with open(os.path.join(dest, name), "w", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(["Wall time", "Step", "Value"])
                for event in mux.Scalars(run, tag):
                    writer.writerow([event.wall_time, event.step, event.value])


# ---------------------------------------------------------------------------------------------
# Custom PyTorch loop writing JSONL
# ---------------------------------------------------------------------------------------------

def batch_for_step(ids: torch.Tensor, step: int, seed: int, batch_size: int) -> torch.Tensor:
    """Random windows, drawn from a generator seeded by (seed, step) so a resumed run sees the
    same data at the same step (like a resumable sampler)."""
    g = torch.Generator().manual_seed(seed * 100_003 + step)
    starts = torch.randint(0, len(ids) - SEQ_LEN - 1, (batch_size,), generator=g)
    return torch.stack([ids[s:s + SEQ_LEN] for s in starts])


@torch.no_grad()
def val_loss(model, corpus: CharCorpus, batches: int = 8, batch_size: int = 32) -> float:
    model.eval()
    chunks = CharCorpus.chunks(corpus.eval_ids, batches * batch_size)
    losses = []
    for i in range(0, len(chunks), batch_size):
        x = torch.stack(chunks[i:i + batch_size])
        losses.append(model(input_ids=x, labels=x).loss.item())
    model.train()
    return sum(losses) / len(losses)


def jsonl_loop(log_path: str, corpus: CharCorpus, *, seed: int, steps: int, lr: float, warmup: int,
               log_every: int, eval_every: int, batch_size: int = 16, bad_steps: range = range(0),
               stop_after: int | None = None, ckpt_path: str | None = None, ckpt_every: int | None = None,
               resume: bool = False, tb_dir: str | None = None) -> None:
    """A typical hand-written loop: AdamW, cosine schedule with warmup, clip at 1.0 (grad_norm is
    the pre-clip norm), a JSON line every `log_every` steps (mean loss over the window) and a
    `val_loss` line every `eval_every` steps. Appends to `log_path`, flushing every line.

    `bad_steps`: steps fed uniform random tokens instead of text (a corrupt data shard).
    `stop_after`: the process dies after this step (pre-emption); `resume` continues from the
    last checkpoint in `ckpt_path`, appending to the same log, as real resumable loops do."""
    model = tiny_gpt2(corpus.vocab_size, seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    scheduler = get_cosine_schedule_with_warmup(optimizer, warmup, steps)
    start = 1
    if resume and ckpt_path:
        state = torch.load(ckpt_path, weights_only=False)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        start = state["step"] + 1
    torch.manual_seed(seed + start)  # dropout RNG is not restored on resume (as in most loops)
    writer = None
    if tb_dir:
        from torch.utils.tensorboard import SummaryWriter
        writer = SummaryWriter(log_dir=tb_dir)
    window, tokens, t0 = [], 0, time.perf_counter()
    with open(log_path, "a") as log:
        def emit(record: dict) -> None:
            log.write(json.dumps(record) + "\n")
            log.flush()
            if writer:
                for key, value in record.items():
                    if key != "step":
                        writer.add_scalar(key, value, record["step"])

        for step in range(start, steps + 1):
            if step in bad_steps:
                g = torch.Generator().manual_seed(seed + step)
                x = torch.randint(0, corpus.vocab_size, (batch_size, SEQ_LEN), generator=g)
            else:
                x = batch_for_step(corpus.train_ids, step, seed, batch_size)
            loss = model(input_ids=x, labels=x).loss
            loss.backward()
            grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0).item()
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            window.append(loss.item())
            tokens += x.numel()
            if step % log_every == 0:
                elapsed = time.perf_counter() - t0
                emit({"step": step, "loss": sum(window) / len(window), "lr": scheduler.get_last_lr()[0],
                      "grad_norm": grad_norm, "tokens_per_sec": round(tokens / elapsed, 1)})
                window, tokens, t0 = [], 0, time.perf_counter()
            if step % eval_every == 0:
                emit({"step": step, "val_loss": val_loss(model, corpus)})
            if ckpt_path and ckpt_every and step % ckpt_every == 0:
                torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                            "scheduler": scheduler.state_dict(), "step": step}, ckpt_path)
            if stop_after is not None and step == stop_after:
                break
    if writer:
        writer.close()


# ---------------------------------------------------------------------------------------------
# The runs
# ---------------------------------------------------------------------------------------------

HF_COMMON = dict(per_device_train_batch_size=16, per_device_eval_batch_size=32, weight_decay=0.01)


def run_hf_healthy(out, work, corpus):
    hf_run("hf-healthy-gpt2", out, work, corpus, seed=1,
           train_chunks=CharCorpus.chunks(corpus.train_ids), eval_chunks=CharCorpus.chunks(corpus.eval_ids, 256),
           tensorboard_export="tbcsv-healthy", **HF_COMMON,
           max_steps=400, learning_rate=2e-3, warmup_steps=40, lr_scheduler_type="linear",
           logging_steps=10, eval_strategy="steps", eval_steps=50, save_steps=100)


def run_hf_overfit(out, work, corpus):
    # 48 sequences (3 KiB of text) seen 100 times: eval loss bottoms out, then climbs.
    hf_run("hf-overfit-gpt2", out, work, corpus, seed=2, dropout=0.0,
           train_chunks=CharCorpus.chunks(corpus.train_ids, 48), eval_chunks=CharCorpus.chunks(corpus.eval_ids, 256),
           tensorboard_export="tbcsv-overfit",
           per_device_train_batch_size=8, per_device_eval_batch_size=32,
           num_train_epochs=100, learning_rate=1e-3, warmup_steps=30, lr_scheduler_type="constant_with_warmup",
           logging_steps=10, eval_strategy="steps", eval_steps=25, save_steps=50,
           load_best_model_at_end=True, metric_for_best_model="eval_loss", greater_is_better=False)


def _nan_args():
    # Plain SGD, fp32, no clipping, LR warming up towards an absurd 4.0: learns, then diverges.
    return dict(**HF_COMMON, optim="sgd", max_grad_norm=0.0, max_steps=300, learning_rate=4.0,
                warmup_steps=400, lr_scheduler_type="linear", logging_steps=10, eval_strategy="steps",
                eval_steps=50, save_steps=100)


def run_hf_nan_loss(out, work, corpus):
    hf_run("hf-nan-loss", out, work, corpus, seed=3,
           train_chunks=CharCorpus.chunks(corpus.train_ids), eval_chunks=CharCorpus.chunks(corpus.eval_ids, 256),
           tensorboard_export="tbcsv-nan", logging_nan_inf_filter=False, **_nan_args())


def run_hf_nan_filtered(out, work, corpus):
    hf_run("hf-nan-gradnorm-only", out, work, corpus, seed=3,
           train_chunks=CharCorpus.chunks(corpus.train_ids), eval_chunks=CharCorpus.chunks(corpus.eval_ids, 256),
           **_nan_args())


def run_hf_slow(out, work, corpus):
    hf_run("hf-slow-convergence", out, work, corpus, seed=4,
           train_chunks=CharCorpus.chunks(corpus.train_ids), eval_chunks=CharCorpus.chunks(corpus.eval_ids, 256),
           **HF_COMMON, max_steps=300, learning_rate=1e-5, warmup_steps=0, lr_scheduler_type="constant",
           logging_steps=10, eval_strategy="steps", eval_steps=50, save_steps=100)


def run_hf_no_eval(out, work, corpus):
    hf_run("hf-no-eval", out, work, corpus, seed=5,
           train_chunks=CharCorpus.chunks(corpus.train_ids), eval_chunks=None,
           **HF_COMMON, max_steps=200, learning_rate=2e-3, warmup_steps=20, lr_scheduler_type="cosine",
           logging_steps=10, eval_strategy="no", save_steps=100)


def run_hf_truncated(out, work, corpus):
    hf_run("hf-truncated", out, work, corpus, seed=6, crash_at=250,
           train_chunks=CharCorpus.chunks(corpus.train_ids), eval_chunks=CharCorpus.chunks(corpus.eval_ids, 256),
           **HF_COMMON, max_steps=400, learning_rate=2e-3, warmup_steps=40, lr_scheduler_type="linear",
           logging_steps=10, eval_strategy="steps", eval_steps=50, save_steps=100)


def _fresh_dir(out, name):
    dest = os.path.join(out, name)
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    return dest


def run_jsonl_healthy(out, work, corpus):
    dest = _fresh_dir(out, "jsonl-healthy")
    jsonl_loop(os.path.join(dest, "train_log.jsonl"), corpus, seed=11, steps=500, lr=2e-3, warmup=50,
               log_every=10, eval_every=50)


def run_jsonl_spike(out, work, corpus):
    dest = _fresh_dir(out, "jsonl-loss-spike")
    tb = os.path.join(work, "tb-spike")
    shutil.rmtree(tb, ignore_errors=True)
    jsonl_loop(os.path.join(dest, "train_log.jsonl"), corpus, seed=12, steps=500, lr=2e-3, warmup=50,
               log_every=5, eval_every=50, bad_steps=range(251, 261), tb_dir=tb)
    # The same loop also logged to TensorBoard with its own (non-HF) tag names; pointing
    # TensorBoard at the run directory itself makes the run name ".".
    export_tensorboard_csv(tb, os.path.join(out, "tbcsv-loss-spike"), only_run=".")


def run_jsonl_resumed(out, work, corpus):
    dest = _fresh_dir(out, "jsonl-resumed")
    log, ckpt = os.path.join(dest, "train_log.jsonl"), os.path.join(work, "resumed-ckpt.pt")
    common = dict(seed=13, steps=500, lr=2e-3, warmup=50, log_every=10, eval_every=50, ckpt_path=ckpt,
                  ckpt_every=100)
    jsonl_loop(log, corpus, stop_after=330, **common)  # pre-empted after step 330
    jsonl_loop(log, corpus, resume=True, **common)      # relaunched: resumes from the step-300 checkpoint
    os.remove(ckpt)


KILLED_FILE_LIMIT = 9_000  # bytes: the log hits this `ulimit -f` while training is still running


def run_jsonl_killed(out, work, corpus):
    dest = _fresh_dir(out, "jsonl-killed")
    log = os.path.join(dest, "train_log.jsonl")
    # A child process with a file-size limit (like a full disk or quota): the write that crosses
    # the limit is cut short mid-line and the loop dies with OSError EFBIG (Python ignores SIGXFSZ).
    proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--child-killed", log],
                          capture_output=True, text=True)
    last = proc.stderr.strip().splitlines()[-1:] or ["?"]
    print(f"  jsonl-killed: child exited {proc.returncode}: {last[0]}")


def child_killed(log: str) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (KILLED_FILE_LIMIT, resource.RLIM_INFINITY))
    jsonl_loop(log, CharCorpus(), seed=14, steps=600, lr=2e-3, warmup=50, log_every=5, eval_every=50)


RUNS = {
    "hf-healthy-gpt2": run_hf_healthy,          # also writes tbcsv-healthy
    "hf-overfit-gpt2": run_hf_overfit,          # also writes tbcsv-overfit
    "hf-nan-loss": run_hf_nan_loss,             # also writes tbcsv-nan
    "hf-nan-gradnorm-only": run_hf_nan_filtered,
    "hf-slow-convergence": run_hf_slow,
    "hf-no-eval": run_hf_no_eval,
    "hf-truncated": run_hf_truncated,
    "jsonl-healthy": run_jsonl_healthy,
    "jsonl-loss-spike": run_jsonl_spike,        # also writes tbcsv-loss-spike
    "jsonl-resumed": run_jsonl_resumed,
    "jsonl-killed": run_jsonl_killed,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=HERE, help="where the run directories go (default: next to this script)")
    parser.add_argument("--only", nargs="*", choices=sorted(RUNS), help="make only these runs")
    parser.add_argument("--child-killed", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child_killed:
        child_killed(options.child_killed)
        return
    corpus = CharCorpus()
    print(f"python {sys.version.split()[0]}, torch {torch.__version__}, transformers {transformers.__version__}; "
          f"vocab {corpus.vocab_size} chars, {len(corpus.train_ids)} train / {len(corpus.eval_ids)} eval chars")
    with tempfile.TemporaryDirectory(prefix="trainreport-samples-") as work:
        for name in options.only or RUNS:
            cpu0, wall0 = time.process_time(), time.perf_counter()
            children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            RUNS[name](options.out, work, corpus)
            children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            child_cpu = (children1.ru_utime + children1.ru_stime) - (children0.ru_utime + children0.ru_stime)
            print(f"{name}: {time.process_time() - cpu0 + child_cpu:.1f} s CPU, "
                  f"{time.perf_counter() - wall0:.1f} s wall")
    sys.path.insert(0, HERE)
    from expected_facts import write_expected
    print(f"wrote {write_expected(options.out)}")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
