#!/usr/bin/env python3
"""Write SampleRuns/EXPECTED.tsv: for every sample run, the diagnoses that must fire, those that
may fire, the ingest issues a reader must report, and the facts (read back from the generated
files, not assumed) that make them so.

Called at the end of make_sample_runs.py; can also be run alone on existing files:
    python3 SampleRuns/expected_facts.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
COLUMNS = ["run", "format", "expect", "may", "ingest", "facts"]


# ---- readers (deliberately independent of the generator) ------------------------------------

def hf_state(run_dir: str) -> tuple[dict, str]:
    """The root trainer_state.json, or the newest checkpoint's when the run never finished."""
    root = os.path.join(run_dir, "trainer_state.json")
    if os.path.exists(root):
        path = root
    else:
        checkpoints = glob.glob(os.path.join(run_dir, "checkpoint-*", "trainer_state.json"))
        path = max(checkpoints, key=lambda p: int(p.split("checkpoint-")[1].split(os.sep)[0]))
    with open(path) as f:
        return json.load(f), os.path.relpath(path, run_dir)


def hf_series(state: dict, key: str) -> list[tuple[int, float]]:
    return [(e["step"], e[key]) for e in state["log_history"] if key in e]


def csv_series(run_dir: str, tag_file_suffix: str) -> list[tuple[int, float]]:
    paths = glob.glob(os.path.join(run_dir, f"run-*-tag-{tag_file_suffix}.csv"))
    if not paths:
        return []
    with open(paths[0], newline="") as f:
        rows = list(csv.reader(f))[1:]
    return [(int(r[1]), float(r[2])) for r in rows]


def jsonl_lines(path: str) -> tuple[list[dict], bool]:
    """Parsed lines, and whether the last line was cut short (not valid JSON / no newline)."""
    with open(path) as f:
        text = f.read()
    lines = text.split("\n")
    truncated = not text.endswith("\n")
    records = [json.loads(line) for line in (lines[:-1] if truncated else lines) if line]
    return records, truncated


def jsonl_series(records: list[dict], key: str) -> list[tuple[int, float]]:
    return [(r["step"], r[key]) for r in records if key in r]


# ---- facts -----------------------------------------------------------------------------------

def fmt(x: float) -> str:
    return "nan" if math.isnan(x) else f"{x:.4g}"


def first_nonfinite(series) -> int | None:
    return next((s for s, v in series if not math.isfinite(v)), None)


def best_and_last(series) -> str:
    finite = [(s, v) for s, v in series if math.isfinite(v)]
    best_step, best = min(finite, key=lambda p: p[1])
    last_step, last = series[-1]
    change = "non-finite" if not math.isfinite(last) else f"{(last - best) / best * 100:+.0f}% after best"
    return f"eval_loss best {fmt(best)}@{best_step}, last {fmt(last)}@{last_step} ({change}); {len(series)} evals"


def train_span(series) -> str:
    (s0, v0), (s1, v1) = series[0], series[-1]
    return f"train loss {fmt(v0)}@{s0} -> {fmt(v1)}@{s1}"


def facts_hf_healthy(d):
    st, src = hf_state(d)
    ev, tr = hf_series(st, "eval_loss"), hf_series(st, "loss")
    monotone = all(b[1] < a[1] for a, b in zip(ev, ev[1:]))
    return (f"{src}: global_step {st['global_step']} = max_steps {st['max_steps']}; {train_span(tr)}; "
            f"{best_and_last(ev)}; eval_loss strictly decreasing: {monotone}; no NaN/Infinity")


def facts_hf_overfit(d):
    st, src = hf_state(d)
    ev, tr = hf_series(st, "eval_loss"), hf_series(st, "loss")
    best_step = min(ev, key=lambda p: p[1])[0]
    after = [v for s, v in tr if s >= best_step]
    return (f"{src}: {best_and_last(ev)}; train loss keeps falling after the best eval: "
            f"{fmt(after[0])} -> {fmt(after[-1])}; epochs {st['num_train_epochs']}; "
            f"best_global_step {st.get('best_global_step')}, best_metric {fmt(st['best_metric'])}, "
            f"best_model_checkpoint {st.get('best_model_checkpoint')} (stale: step {best_step} was not a save step)")


def facts_hf_nan(d):
    st, src = hf_state(d)
    tr, gn, ev = hf_series(st, "loss"), hf_series(st, "grad_norm"), hf_series(st, "eval_loss")
    final = [e for e in st["log_history"] if "train_loss" in e]
    peak = max((p for p in tr if math.isfinite(p[1])), key=lambda p: p[1])
    loss_nan, grad_nan = first_nonfinite(tr), first_nonfinite(gn)
    if loss_nan is not None:
        loss_text = f"first NaN loss @{loss_nan}"
    else:
        after = ", ".join(f"{fmt(v)}@{s}" for s, v in tr if s >= grad_nan)
        loss_text = f"loss finite everywhere (logging_nan_inf_filter=True): {after}"
    return (f"{src}: {loss_text}; first NaN grad_norm @{grad_nan}; first NaN eval_loss "
            f"@{first_nonfinite(ev)}; final train_loss {fmt(final[0]['train_loss']) if final else 'absent'}; "
            f"highest finite loss {fmt(peak[1])}@{peak[0]}; before the NaN: loss {fmt(dict(tr)[grad_nan - 10])}, "
            f"grad_norm {fmt(dict(gn)[grad_nan - 10])} @{grad_nan - 10}; SGD, no clipping, LR warming up linearly, "
            f"{fmt(dict(hf_series(st, 'learning_rate'))[grad_nan])} @{grad_nan}; "
            f"{sum(1 for s, v in gn if not math.isfinite(v))} NaN grad_norm entries")


def facts_hf_slow(d):
    st, src = hf_state(d)
    tr, ev = hf_series(st, "loss"), hf_series(st, "eval_loss")
    lr = hf_series(st, "learning_rate")[0][1]
    v0, v1 = tr[0][1], tr[-1][1]
    last100 = [v for s, v in tr if s > tr[-1][0] - 100]
    vocab = json.load(open(os.path.join(d, "checkpoint-100", "config.json")))["vocab_size"]
    return (f"{src}: constant LR {lr:g}; {train_span(tr)} ({(v1 - v0) / v0 * 100:+.0f}%), ln(vocab {vocab}) = "
            f"{fmt(math.log(vocab))}; still falling at the end ({fmt(last100[0])} -> {fmt(last100[-1])} over the "
            f"last 100 steps); eval_loss {fmt(ev[0][1])}@{ev[0][0]} -> {fmt(ev[-1][1])}@{ev[-1][0]}; "
            f"the same model at LR 2e-3 (hf-healthy-gpt2) is at 2.5 by step 100")


def facts_hf_no_eval(d):
    st, src = hf_state(d)
    tr = hf_series(st, "loss")
    return (f"{src}: no eval_* key in any of {len(st['log_history'])} log_history entries; eval_steps field "
            f"{st.get('eval_steps')} (unused); {train_span(tr)}; completed {st['global_step']}/{st['max_steps']}")


def facts_hf_truncated(d):
    st, src = hf_state(d)
    has_final = any("train_runtime" in e for e in st["log_history"])
    return (f"no root trainer_state.json; newest {src}: global_step {st['global_step']} < max_steps "
            f"{st['max_steps']}; final summary entry present: {has_final}; the process died at step 250 "
            f"(after the last save); checkpoints: "
            + ", ".join(sorted(os.path.basename(p) for p in glob.glob(os.path.join(d, 'checkpoint-*')))))


def facts_tb(d):
    files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(d, "*.csv")))
    with open(os.path.join(d, files[0]), "rb") as f:
        head = f.read(24)
    loss_tag = "train_loss" if any(f.endswith("-tag-train_loss.csv") for f in files) else "loss"
    eval_tag = "eval_loss" if loss_tag == "train_loss" else "val_loss"
    tr, ev = csv_series(d, loss_tag), csv_series(d, eval_tag)
    parts = [f"{len(files)} CSVs (e.g. {files[0]}); header+CRLF {head.startswith(b'Wall time,Step,Value' + bytes([13, 10]))}",
             f"{loss_tag}: {len(tr)} points {train_span(tr)}"]
    nan = first_nonfinite(tr)
    if nan is not None:
        parts.append(f"first nan in {loss_tag} @{nan}")
    if ev:
        parts.append(best_and_last(ev))
    return "; ".join(parts)


def facts_tb_spike(d):
    return facts_tb(d) + "; " + spike_text(csv_series(d, "loss"), csv_series(d, "grad_norm"))


def spike_text(loss, grad):
    peak_step, peak = max(loss, key=lambda p: p[1] if p[0] > 100 else -1)
    before = [v for s, v in loss if peak_step - 30 <= s < peak_step - 5]
    after = [(s, v) for s, v in loss if s > peak_step]
    back = next(s for s, v in after if v < 1.15 * (sum(before) / len(before)))
    g = dict(grad)
    return (f"loss spike {fmt(peak)}@{peak_step} vs {fmt(sum(before) / len(before))} mean over the 25 steps before "
            f"(x{peak / (sum(before) / len(before)):.1f}); steps 251-260 were fed random tokens; back within 15% of "
            f"the pre-spike level @{back}; grad_norm {fmt(g.get(peak_step, float('nan')))}@{peak_step}")


def facts_jsonl_healthy(d):
    recs, truncated = jsonl_lines(os.path.join(d, "train_log.jsonl"))
    tr, ev = jsonl_series(recs, "loss"), jsonl_series(recs, "val_loss")
    return (f"train_log.jsonl: {len(recs)} lines, keys step/loss/lr/grad_norm/tokens_per_sec + step/val_loss; "
            f"{train_span(tr)}; {best_and_last(ev)}; lr ends at {jsonl_series(recs, 'lr')[-1][1]:g} (cosine to 0)")


def facts_jsonl_spike(d):
    recs, _ = jsonl_lines(os.path.join(d, "train_log.jsonl"))
    return (f"train_log.jsonl: {len(recs)} lines; " + spike_text(jsonl_series(recs, "loss"), jsonl_series(recs, "grad_norm"))
            + f"; {best_and_last(jsonl_series(recs, 'val_loss'))}")


def facts_jsonl_resumed(d):
    recs, _ = jsonl_lines(os.path.join(d, "train_log.jsonl"))
    steps = [r["step"] for r in recs]
    i = next(i for i in range(1, len(steps)) if steps[i] < steps[i - 1])
    return (f"train_log.jsonl: step goes back from {steps[i - 1]} to {steps[i]} at line {i + 1} (pre-empted after "
            f"step 330, resumed from the step-300 checkpoint, appending); steps 310-330 logged twice with "
            f"slightly different values; final step {steps[-1]}; {len(recs)} lines")


def facts_jsonl_killed(d):
    path = os.path.join(d, "train_log.jsonl")
    recs, truncated = jsonl_lines(path)
    with open(path) as f:
        n_lines = f.read().count("\n") + (1 if truncated else 0)
    lr = jsonl_series(recs, "lr")
    return (f"train_log.jsonl: last line ({n_lines}) cut mid-object (no newline, {os.path.getsize(path)} bytes: "
            f"the file-size limit); last complete step {recs[-1]['step']} of a planned 600; lr still "
            f"{lr[-1][1]:.3g} on a cosine schedule that ends at 0")


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def phase(series):
    """Median of the first and of the last fifth (at least 3 points), as the preference/RL rules read them."""
    values = [v for _, v in series]
    w = min(max(3, len(values) // 5), max(1, len(values) // 2))
    return median(values[:w]), median(values[-w:])


def facts_trl_dpo(d):
    state, name = hf_state(d)
    acc, margin = hf_series(state, "rewards/accuracies"), hf_series(state, "rewards/margins")
    chosen, rejected = hf_series(state, "logps/chosen"), hf_series(state, "logps/rejected")
    c0, c1 = phase(chosen)
    m0, m1 = phase(margin)
    a0, a1 = phase(acc)
    ev = hf_series(state, "eval_rewards/accuracies")
    return (f"{name}: TRL DPOTrainer, {len(acc)} logs; rewards/accuracies {fmt(a0)} -> {fmt(a1)} (medians of first/last fifth); "
            f"rewards/margins {fmt(m0)} -> {fmt(m1)}; logps/chosen {fmt(c0)} -> {fmt(c1)} "
            f"({(c0 - c1) / abs(c0):.0%} of its start: likelihood displacement); logps/rejected {fmt(phase(rejected)[1])} at the end; "
            f"eval_rewards/accuracies last {fmt(ev[-1][1])}; {best_and_last(hf_series(state, 'eval_loss'))}")


def facts_trl_grpo(d):
    state, name = hf_state(d)
    reward, kl, ent = hf_series(state, "reward"), hf_series(state, "kl"), hf_series(state, "entropy")
    clipped, length = hf_series(state, "completions/clipped_ratio"), hf_series(state, "completions/mean_length")
    r0, r1 = phase(reward)
    k0, k1 = phase(kl)
    e0, e1 = phase(ent)
    l0, l1 = phase(clipped)
    return (f"{name}: TRL GRPOTrainer, {len(reward)} logs; reward (share of 'e') {fmt(r0)} -> {fmt(r1)}: the policy learned "
            f"to write 'eeee...'; entropy {fmt(e0)} -> {fmt(e1)} ({e1 / e0:.0%}); kl {fmt(k0)} -> {fmt(k1)} per token; "
            f"completions/clipped_ratio {fmt(l0)} -> {fmt(l1)}, mean length {fmt(length[0][1])} -> {fmt(length[-1][1])} "
            f"of max_completion_length 24; negative policy loss {fmt(min(v for _, v in hf_series(state, 'loss')))} (no perplexity); no eval")


def facts_trl_grpo_collapse(d):
    state, name = hf_state(d)
    reward, ent = hf_series(state, "reward"), hf_series(state, "entropy")
    values = [v for _, v in reward]
    w = max(3, len(values) // 5)
    windows = [(median(values[i:i + w]), reward[i + w // 2][0]) for i in range(len(values) - w + 1)]
    best, best_step = max(windows)
    start, end = median(values[:max(3, w // 2)]), median(values[-w:])
    e_best = median([v for s, v in ent if abs(s - best_step) <= w])
    e1 = phase(ent)[1]
    return (f"{name}: TRL GRPOTrainer, {len(values)} logs, learning_rate 1e-2, beta 0, num_iterations 2; reward (distinct "
            f"characters of 24) {fmt(start)} at the start (median of the first tenth), best window median {fmt(best)} around "
            f"step {best_step}, {fmt(end)} at the end (last fifth): {(best - end) / (best - start):.0%} of the gain given back; "
            f"entropy {fmt(e_best)} around the best -> {fmt(e1)} at the end: the policy collapsed into repetitive text; "
            f"grad_norm up to {fmt(max(v for _, v in hf_series(state, 'grad_norm')))}; no kl logged (beta 0); no eval")


RUNS = [
    # run, format, must fire, may fire, ingest issues, facts
    ("hf-healthy-gpt2", "hf-trainer-state", "-", "-", "-", facts_hf_healthy),
    ("hf-overfit-gpt2", "hf-trainer-state", "overfitting", "-", "-", facts_hf_overfit),
    ("hf-nan-loss", "hf-trainer-state", "loss-nonfinite", "loss-spike,lr-schedule,grad-norm-explosion", "nan-tokens", facts_hf_nan),
    ("hf-nan-gradnorm-only", "hf-trainer-state", "loss-nonfinite,suspicious-loss", "loss-spike,lr-schedule,grad-norm-explosion", "nan-tokens", facts_hf_nan),
    ("hf-slow-convergence", "hf-trainer-state", "slow-convergence", "-", "-", facts_hf_slow),
    ("hf-no-eval", "hf-trainer-state", "no-eval", "-", "-", facts_hf_no_eval),
    ("hf-truncated", "hf-trainer-state", "run-truncated", "-", "-", facts_hf_truncated),
    ("tbcsv-healthy", "tensorboard-csv", "-", "-", "-", facts_tb),
    ("tbcsv-overfit", "tensorboard-csv", "overfitting", "-", "-", facts_tb),
    ("tbcsv-nan", "tensorboard-csv", "loss-nonfinite", "loss-spike,lr-schedule,grad-norm-explosion", "-", facts_tb),
    ("tbcsv-loss-spike", "tensorboard-csv", "loss-spike", "-", "-", facts_tb_spike),
    ("jsonl-healthy", "jsonl", "-", "-", "-", facts_jsonl_healthy),
    ("jsonl-loss-spike", "jsonl", "loss-spike", "-", "-", facts_jsonl_spike),
    ("jsonl-resumed", "jsonl", "resumed", "-", "restart", facts_jsonl_resumed),
    ("jsonl-killed", "jsonl", "-", "run-truncated", "truncated-last-line", facts_jsonl_killed),
    ("trl-dpo-gpt2", "hf-trainer-state", "preference-overoptimization", "-", "-", facts_trl_dpo),
    ("trl-grpo-gpt2", "hf-trainer-state", "rl-entropy-collapse,rl-kl-blowup,rl-length-hacking", "-", "-", facts_trl_grpo),
    ("trl-grpo-collapse", "hf-trainer-state", "rl-reward-decline", "grad-norm-explosion,lr-schedule,rl-entropy-collapse", "-", facts_trl_grpo_collapse),
]


def write_expected(out: str) -> str:
    path = os.path.join(out, "EXPECTED.tsv")
    with open(path, "w", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for run, fmt_id, must, may, ingest, facts in RUNS:
            if os.path.isdir(os.path.join(out, run)):
                writer.writerow([run, fmt_id, must, may, ingest, facts(os.path.join(out, run))])
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=HERE)
    print(open(write_expected(parser.parse_args().out)).read())
