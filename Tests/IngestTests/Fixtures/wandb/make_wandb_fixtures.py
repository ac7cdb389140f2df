#!/usr/bin/env python3
"""Make the W&B fixtures the `wandb` reader is tested on, with the real `wandb` package (offline mode).

Runs (each a folder with the `wandb/` directory wandb itself wrote):
  custom-loop/  a plain loop: wandb.init + run.log (train/eval keys, a nested dict, a string, NaN),
                stdout lines, config, summary; finished normally. `latest-run` link kept.
  hf-trainer/   transformers.Trainer(report_to="wandb") on a tiny GPT-2 built from a config (no hub),
                character-level text from Python's own sources; eval every 20 steps.
  hf-output-dir/ the same training with report_to=["wandb", "tensorboard"], then save_state() and
                save_model() as HF's example scripts do: an HF output dir (trainer_state.json,
                config.json, runs/ event file) with the wandb/ folder inside (weights dropped).
  crashed/      a loop that raises ValueError after 12 steps (exit code 1, traceback on stderr).
  killed/       a loop killed with SIGKILL (the whole process group, wandb-core included, as an
                OOM killer or a scheduler would) while it logs: the .wandb file ends where it ends.
  legacy-files/ the custom loop under wandb 0.16.6 (LEGACY_WANDB_PYTHON), whose offline runs also
                write files/ (config.yaml, wandb-summary.json, wandb-metadata.json, output.log) as
                online runs do; an online run cannot be made here (no W&B server).
  resumed/      one run id launched twice: steps 1-20, then (resume="allow") again from step 16,
                as a job restarted from a checkpoint: two run directories, one run.
  gpu-stats/    no GPU here, so this one is built record by record with wandb's own protobuf
                classes (wandb.proto.wandb_internal_pb2) and wandb's own writer (DataStore):
                history rows plus `stats` records with the keys wandb's system monitor writes
                for 2 NVIDIA GPUs (gpu.N.gpu at 30-55 %, gpu.N.memoryAllocated up to 97 %,
                powerWatts, temp, gpu.process.N.*, cpu), a CUDA out-of-memory traceback on
                stderr and exit code 1.

expected.json records, for every .wandb file, what wandb's own Python reader
(wandb.sdk.internal.datastore.DataStore, shipped up to wandb 0.22.x; taken from the wandb 0.22.3
wheel when the installed wandb no longer has it) decodes: the number of records, and per history key
(nested keys joined with '.', W&B's own `_` keys left out) the count of numeric values and the first
and last. The Swift tests check trainreport's reader against it.

Usage: /work/venv/bin/python Tests/IngestTests/Fixtures/wandb/make_wandb_fixtures.py [--only NAME ...]
Needs: wandb (0.31.0 here), torch and transformers for hf-trainer. About 1 minute of CPU.
"""
from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PY = sys.executable
ENV = dict(os.environ, WANDB_MODE="offline", WANDB_SILENT="true", WANDB_DISABLE_GIT="true",
           WANDB_DISABLE_CODE="true", WANDB_PROJECT="trainreport-fixtures", PYTHONUNBUFFERED="1")


# ------------------------------------------------------------------------------------------------
# wandb's own reader and writer
# ------------------------------------------------------------------------------------------------

def datastore_module():
    """wandb.sdk.internal.datastore, from the installed wandb or the wandb 0.22.3 wheel."""
    import wandb
    wandb._assert_is_internal_process = True  # DataStore refuses to run outside wandb's internal process
    try:
        from wandb.sdk.internal import datastore
        return datastore
    except ImportError:
        pass
    cache = os.path.join(os.path.expanduser("~"), ".cache", "trainreport")
    source = os.path.join(cache, "wandb-0.22.3-datastore.py")
    if not os.path.exists(source):
        os.makedirs(cache, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([PY, "-m", "pip", "download", "wandb==0.22.3", "--no-deps", "-q", "-d", tmp], check=True)
            wheel = glob.glob(os.path.join(tmp, "wandb-0.22.3-*.whl"))[0]
            with zipfile.ZipFile(wheel) as z, open(source, "wb") as out:
                out.write(z.read("wandb/sdk/internal/datastore.py"))
    spec = importlib.util.spec_from_file_location("wandb_datastore_0_22_3", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_records(path: str):
    """Every record wandb's DataStore decodes from a .wandb file (stopping where it gives up)."""
    from wandb.proto import wandb_internal_pb2
    ds = datastore_module().DataStore()
    ds.open_for_scan(path)
    records = []
    try:
        while True:
            data = ds.scan_data()
            if data is None:
                break
            record = wandb_internal_pb2.Record()
            record.ParseFromString(data)
            records.append(record)
    except (AssertionError, struct_error()):
        pass  # a file cut mid-record: DataStore stops there
    finally:
        ds.close()
    return records


def struct_error():
    import struct
    return struct.error


def item_key(item) -> str:
    return item.key if item.key else ".".join(item.nested_key)


def expectation(path: str) -> dict:
    records = read_records(path)
    history: dict[str, dict] = {}
    stats = 0
    exit_code = None
    for r in records:
        kind = r.WhichOneof("record_type")
        if kind == "history":
            for item in r.history.item:
                key = item_key(item)
                if key.startswith("_"):
                    continue
                try:
                    value = json.loads(item.value_json)
                except ValueError:
                    continue
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    continue
                entry = history.setdefault(key, {"count": 0, "first": value, "last": value})
                entry["count"] += 1
                entry["last"] = value
        elif kind == "stats":
            stats += 1
        elif kind == "exit":
            exit_code = r.exit.exit_code
    for entry in history.values():
        for k in ("first", "last"):
            if isinstance(entry[k], float) and not math.isfinite(entry[k]):
                entry[k] = str(entry[k])  # "nan", "inf": JSON has no token for them
    return {"records": len(records), "history": history, "stats_samples": stats, "exit_code": exit_code}


# ------------------------------------------------------------------------------------------------
# Real runs
# ------------------------------------------------------------------------------------------------

LOOP = textwrap.dedent("""
    import math, sys, time, wandb
    mode, steps = sys.argv[1], int(sys.argv[2])
    run_id = sys.argv[3] if len(sys.argv) > 3 else None
    start = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    run = wandb.init(name=f"loop-{mode}", id=run_id, resume="allow" if run_id else None,
                     config={"learning_rate": 3e-4, "batch_size": 16, "max_steps": steps, "model": "mlp-2x64"})
    for step in range(start, steps):
        loss = 2.5 * math.exp(-step / 40) + 0.05 * math.sin(step)
        row = {"train/loss": loss, "train/learning_rate": 3e-4 * min(1.0, (step + 1) / 10), "train/grad_norm": 1.0 / (1 + step / 20)}
        if mode == "custom" and step == 7:
            row["train/loss"] = float("nan")
        if step % 10 == 9:
            row["eval/loss"] = loss + 0.1
            row["eval"] = {"accuracy": min(0.99, 0.3 + step / 100)}
            row["note"] = f"checkpoint at {step}"
        run.log(row, step=step + 1)  # steps 1..N, as the HF Trainer counts them
        print(f"step {step + 1} loss {loss:.4f}", flush=True)
        if mode == "crashed" and step == 11:
            raise ValueError("batch 12 has no labels")
        if mode == "killed":
            time.sleep(0.05)
    run.summary["best_eval_loss"] = 0.42
    run.finish()
""")


def run_loop(folder: str, mode: str, steps: int, run_id: str | None = None, start: int = 0, check=True):
    script = os.path.join(folder, "train.py")
    with open(script, "w") as f:
        f.write(LOOP)
    args = [PY, "train.py", mode, str(steps)] + ([run_id, str(start)] if run_id else [])
    result = subprocess.run(args, cwd=folder, env=ENV, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise SystemExit(f"{mode} failed: {result.stderr[-2000:]}")
    os.remove(script)
    return result


def make_custom_loop(folder):
    run_loop(folder, "custom", 60)


def make_crashed(folder):
    result = run_loop(folder, "crashed", 60, check=False)
    assert result.returncode == 1, result.returncode


def make_resumed(folder):
    run_loop(folder, "resumed", 20, run_id="resume01")
    time.sleep(1.1)  # the second launch gets a later run-<date> directory name
    run_loop(folder, "resumed", 40, run_id="resume01", start=15)


def make_legacy_files(folder):
    """The custom loop under wandb 0.16.6, whose offline runs (its Python backend, before wandb-core)
    also write files/config.yaml, wandb-summary.json, wandb-metadata.json and output.log, as online
    runs do. Needs LEGACY_WANDB_PYTHON: a Python with wandb==0.16.6 (python -m venv V && V/bin/pip
    install wandb==0.16.6)."""
    legacy = os.environ.get("LEGACY_WANDB_PYTHON")
    if not legacy:
        raise SystemExit("legacy-files needs LEGACY_WANDB_PYTHON=<python with wandb==0.16.6>")
    script = os.path.join(folder, "train.py")
    with open(script, "w") as f:
        f.write(LOOP)
    result = subprocess.run([legacy, "train.py", "custom", "60"], cwd=folder, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"legacy-files failed: {result.stderr[-2000:]}")
    os.remove(script)


def make_killed(folder):
    script = os.path.join(folder, "train.py")
    with open(script, "w") as f:
        f.write(LOOP)
    proc = subprocess.Popen([PY, "train.py", "killed", "100000"], cwd=folder, env=ENV, stdout=subprocess.PIPE,
                            text=True, start_new_session=True)
    for line in proc.stdout:
        if line.startswith("step 150 "):
            break
    os.killpg(proc.pid, signal.SIGKILL)  # the trainer and the wandb-core service it started
    proc.wait()
    time.sleep(0.5)
    os.remove(script)


HF = textwrap.dedent("""
    import argparse, difflib, inspect, os, shlex, textwrap, torch
    torch.manual_seed(0); torch.set_num_threads(1)
    import transformers
    from transformers import GPT2Config, GPT2LMHeadModel, Trainer, TrainingArguments
    transformers.logging.set_verbosity_error()
    text = "".join(inspect.getsource(m) for m in (argparse, difflib, textwrap))
    held = inspect.getsource(shlex)
    chars = sorted(set(text) | set(held)); stoi = {c: i for i, c in enumerate(chars)}
    def blocks(t, n):
        ids = torch.tensor([stoi[c] for c in t])
        return [{"input_ids": ids[i:i + 64], "labels": ids[i:i + 64]} for i in range(0, 64 * n, 64)]
    model = GPT2LMHeadModel(GPT2Config(vocab_size=len(chars), n_positions=64, n_embd=64, n_layer=2, n_head=2))
    args = TrainingArguments(output_dir=".", report_to="wandb", run_name="hf-tiny-gpt2", max_steps=60,
                             per_device_train_batch_size=8, learning_rate=3e-3, warmup_steps=6, logging_steps=5,
                             eval_strategy="steps", eval_steps=20, save_strategy="no", seed=0, use_cpu=True,
                             disable_tqdm=True, dataloader_num_workers=0)
    Trainer(model=model, args=args, train_dataset=blocks(text, 600), eval_dataset=blocks(held, 40)).train()
""")


HF_OUTPUT_DIR = HF.replace('report_to="wandb"', 'report_to=["wandb", "tensorboard"]').replace(
    "Trainer(model=model, args=args, train_dataset=blocks(text, 600), eval_dataset=blocks(held, 40)).train()",
    "trainer = Trainer(model=model, args=args, train_dataset=blocks(text, 600), eval_dataset=blocks(held, 40))\n"
    "trainer.train()\n"
    "trainer.save_state()\n"
    "trainer.save_model()")


def make_hf_output_dir(folder):
    """As hf-trainer, also logging to TensorBoard, then saving its state and model as the example
    scripts do: an HF output dir (trainer_state.json, config.json, runs/) with the wandb/ folder inside."""
    assert HF_OUTPUT_DIR != HF and "save_state" in HF_OUTPUT_DIR
    with open(os.path.join(folder, "train.py"), "w") as f:
        f.write(HF_OUTPUT_DIR)
    result = subprocess.run([PY, "train.py"], cwd=folder, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"hf-output-dir failed: {result.stderr[-3000:]}")
    os.remove(os.path.join(folder, "train.py"))
    for name in ("model.safetensors", "training_args.bin"):  # weights and a pickle: not what the tests read
        if os.path.exists(os.path.join(folder, name)):
            os.remove(os.path.join(folder, name))


def make_hf_trainer(folder):
    with open(os.path.join(folder, "train.py"), "w") as f:
        f.write(HF)
    result = subprocess.run([PY, "train.py"], cwd=folder, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"hf-trainer failed: {result.stderr[-3000:]}")
    os.remove(os.path.join(folder, "train.py"))


# ------------------------------------------------------------------------------------------------
# GPU system metrics, record by record
# ------------------------------------------------------------------------------------------------

def make_gpu_stats(folder):
    from wandb.proto import wandb_internal_pb2 as pb
    run_id = "gpustat1"
    start = 1_767_225_600  # 2026-01-01T00:00:00Z
    run_dir = os.path.join(folder, "wandb", f"offline-run-20260101_000000-{run_id}")
    os.makedirs(os.path.join(run_dir, "files"))
    ds = datastore_module().DataStore()
    ds.open_for_write(os.path.join(run_dir, f"run-{run_id}.wandb"))

    def write(**fields):
        ds.write(pb.Record(**fields))

    write(header=pb.HeaderRecord(version_info=pb.VersionInfo(producer="0.31.0")))
    run = pb.RunRecord(run_id=run_id, project="trainreport-fixtures", display_name="gpu-stats", host="node-7")
    run.start_time.FromSeconds(start)
    run.config.update.add(key="learning_rate", value_json="0.0002")
    run.config.update.add(key="per_device_train_batch_size", value_json="4")
    run.config.update.add(key="max_steps", value_json="400")
    write(run=run)
    env = pb.EnvironmentRecord(gpu_type="NVIDIA A100-SXM4-80GB", gpu_count=2)
    for _ in range(2):
        env.gpu_nvidia.add(name="NVIDIA A100-SXM4-80GB", memory_total=85_899_345_920)
    write(environment=env)

    # 400 steps at 1.5 s/step, logged every 10 steps; system samples every 15 s.
    for step in range(10, 401, 10):
        t = start + 20 + step * 1.5
        h = pb.HistoryRecord()
        for key, value in (("_step", step // 10 - 1), ("_timestamp", t), ("_runtime", t - start),
                           ("train/global_step", step), ("train/loss", 3.0 * math.exp(-step / 150) + 0.4),
                           ("train/learning_rate", 2e-4 * min(1.0, step / 40))):
            h.item.add(nested_key=[key], value_json=json.dumps(value))
        write(history=h)
    for n in range(0, 44):
        t = start + 5 + n * 15
        s = pb.StatsRecord(stats_type=pb.StatsRecord.SYSTEM)
        s.timestamp.FromSeconds(int(t))
        busy = 30 + 25 * (0.5 + 0.5 * math.sin(n / 3))  # 30-55 %: a data-loading-bound run
        for gpu in range(2):
            util = busy - 8 * gpu
            mem = min(97.0, 40 + n * 1.4 + gpu)
            values = {"gpu": util, "memory": util / 2, "memoryAllocated": mem,
                      "memoryAllocatedBytes": 85_899_345_920 * mem / 100, "powerWatts": 90 + 2.5 * util,
                      "powerPercent": (90 + 2.5 * util) / 4, "temp": 45 + util / 5}
            for measure, value in values.items():
                s.item.add(key=f"gpu.{gpu}.{measure}", value_json=json.dumps(round(value, 3)))
                s.item.add(key=f"gpu.process.{gpu}.{measure}", value_json=json.dumps(round(value, 3)))
        s.item.add(key="cpu", value_json=json.dumps(round(95 - busy / 2, 2)))
        s.item.add(key="memory_percent", value_json="41.5")
        s.item.add(key="network.sent", value_json=str(1000 * n))
        write(stats=s)
    tb = ["Traceback (most recent call last):\n", '  File "train.py", line 88, in <module>\n',
          "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.15 GiB of which 1.12 GiB is free.\n"]
    for line in tb:
        o = pb.OutputRawRecord(output_type=pb.OutputRawRecord.STDERR, line=line)
        o.timestamp.FromSeconds(start + 640)
        write(output_raw=o)
    write(summary=pb.SummaryRecord(update=[pb.SummaryItem(key="train/loss", value_json="0.61")]))
    write(exit=pb.RunExitRecord(exit_code=1, runtime=640))
    ds.close()


# ------------------------------------------------------------------------------------------------

FIXTURES = {
    "custom-loop": make_custom_loop,
    "crashed": make_crashed,
    "killed": make_killed,
    "resumed": make_resumed,
    "hf-trainer": make_hf_trainer,
    "hf-output-dir": make_hf_output_dir,
    "legacy-files": make_legacy_files,
    "gpu-stats": make_gpu_stats,
}


def tidy(folder: str):
    """Keep the .wandb files, files/output.log and files/config.yaml-like text; drop wandb's debug logs."""
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files + dirs:
            path = os.path.join(root, name)
            if os.path.islink(path):
                if name != "latest-run":
                    os.remove(path)
                continue
            rel = os.path.relpath(path, folder)
            if name in ("logs", "tmp") and os.path.isdir(path):
                shutil.rmtree(path)
            elif os.path.isfile(path) and (name.startswith("debug") or name == "requirements.txt"):
                os.remove(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", default=list(FIXTURES))
    args = parser.parse_args()
    expected_path = os.path.join(HERE, "expected.json")
    expected = json.load(open(expected_path)) if os.path.exists(expected_path) else {}
    for name in args.only:
        folder = os.path.join(HERE, name)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        t0 = time.time()
        FIXTURES[name](folder)
        tidy(folder)
        for key in [k for k in expected if k.startswith(name + "/")]:
            del expected[key]
        for path in sorted(glob.glob(os.path.join(folder, "wandb", "*run-*", "*.wandb"))):
            expected[os.path.relpath(path, HERE)] = expectation(path)
        print(f"{name}: {time.time() - t0:.1f} s")
    with open(expected_path, "w") as f:
        json.dump(dict(sorted(expected.items())), f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wandb {__import__('wandb').__version__}, wrote {expected_path}")


if __name__ == "__main__":
    main()
